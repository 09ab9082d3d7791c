// Copyright (c) flowr contributors. MIT licence.
global using System.Diagnostics.CodeAnalysis;
