/**
 * The {@code ovnet} command line (picocli): one class per command that parses its options, hands the work to the
 * planner and providers, and prints the result; {@link dev.ovnet.cli.Wiring} is the one place that picks the
 * implementations of the planner's interfaces. Errors become exit codes and messages with a hint here, never
 * stack traces.
 */
package dev.ovnet.cli;
