/**
 * How plans and kernel objects look to a person (aligned text, colour only on a terminal) and to a machine
 * ({@code --json}, docs/json.md, written as a stream). Rendering only: it reads planner values and writes text,
 * and touches no host, state or file.
 */
package dev.ovnet.cli.render;
