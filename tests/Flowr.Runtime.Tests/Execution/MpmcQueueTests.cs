// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution.Queues;

namespace Flowr.Runtime.Tests.Execution;

public class MpmcQueueTests
{
    [Fact]
    public void Keeps_fifo_order_and_reports_full_and_empty()
    {
        var queue = new MpmcQueue<string>(4);
        Assert.True(queue.IsEmpty);
        for (int i = 0; i < 4; i++) Assert.True(queue.TryEnqueue(i.ToString()));
        Assert.False(queue.TryEnqueue("overflow"));
        for (int i = 0; i < 4; i++)
        {
            Assert.True(queue.TryDequeue(out var item));
            Assert.Equal(i.ToString(), item);
        }
        Assert.False(queue.TryDequeue(out _));
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void Enqueue_waits_for_a_slot_instead_of_failing()
    {
        var queue = new MpmcQueue<string>(2);
        Assert.True(queue.TryEnqueue("a"));
        Assert.True(queue.TryEnqueue("b"));
        var consumer = new Thread(() =>
        {
            Thread.Sleep(50);
            Assert.True(queue.TryDequeue(out _));
        });
        consumer.Start();
        queue.Enqueue("c");   // would fail with TryEnqueue: the slot frees only when the consumer runs
        Assert.True(consumer.Join(TimeSpan.FromSeconds(10)));
        Assert.True(queue.TryDequeue(out var second));
        Assert.True(queue.TryDequeue(out var third));
        Assert.Equal(("b", "c"), (second, third));
    }

    [Fact]
    public void Concurrent_producers_and_consumers_lose_and_duplicate_nothing()
    {
        const int producers = 3, consumers = 3, perProducer = 50_000;
        var queue = new MpmcQueue<object>(64);
        var items = Enumerable.Range(0, producers * perProducer).Select(i => (object)i).ToArray();
        var seen = new int[items.Length];
        int consumed = 0;
        var threads = new List<Thread>();
        for (int p = 0; p < producers; p++)
        {
            int start = p * perProducer;
            threads.Add(new Thread(() =>
            {
                for (int i = start; i < start + perProducer; i++)
                {
                    while (!queue.TryEnqueue(items[i])) Thread.SpinWait(1);
                }
            }));
        }
        for (int c = 0; c < consumers; c++)
        {
            threads.Add(new Thread(() =>
            {
                while (Volatile.Read(ref consumed) < items.Length)
                {
                    if (queue.TryDequeue(out var item))
                    {
                        Interlocked.Increment(ref seen[(int)item]);
                        Interlocked.Increment(ref consumed);
                    }
                }
            }));
        }
        threads.ForEach(t => t.Start());
        foreach (var thread in threads) Assert.True(thread.Join(TimeSpan.FromSeconds(60)), "queue test hung");
        Assert.All(seen, count => Assert.Equal(1, count));
    }
}
