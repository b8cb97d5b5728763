package com.quantumedge.supervisor.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;

import picocli.CommandLine;

/** A CLI command run in-process as from the command line: its exit code and what it printed. */
record CliRun(int exit, String output) {

    /** @param printTo hands the command the stream it prints to (each command's {@code out}) */
    static <C> CliRun of(C command, BiConsumer<C, PrintStream> printTo, List<String> args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        printTo.accept(command, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        int exit = new CommandLine(command).execute(args.toArray(String[]::new));
        return new CliRun(exit, buffer.toString(StandardCharsets.UTF_8));
    }
}
