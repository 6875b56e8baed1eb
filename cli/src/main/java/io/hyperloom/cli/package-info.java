/**
 * The {@code hyperloom} command line: a root command that dispatches, and thin subcommands that parse options
 * into immutable specs, call the engine in {@code search}, and print through picocli's writers. No search logic lives here.
 */
package io.hyperloom.cli;
