// Copyright (c) flowr contributors. MIT licence.
// Prints the 91 Fibonacci numbers flowr's examples/fibonacci prints (1, 2, 3, 5 … 7540113804746346429), one
// per line, stopping before a signed 64-bit sum would overflow, as the flow does; with --version it
// prints one line, like `flowr --version`.
if (args.Length > 0 && args[0] == "--version")
{
    Console.WriteLine("plain-fibonacci 1.0.0");
    return;
}
long previous = 0, current = 1;
while (true)
{
    long sum;
    try
    {
        sum = checked(previous + current);
    }
    catch (OverflowException)
    {
        break;
    }
    Console.WriteLine(sum);
    previous = current;
    current = sum;
}
