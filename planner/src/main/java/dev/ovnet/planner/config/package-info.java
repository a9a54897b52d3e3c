/**
 * The ovnet.yaml model (docs/configuration.md) and its parser. {@link dev.ovnet.planner.config.ConfigParser} turns text
 * into a {@link dev.ovnet.planner.config.NetworkConfig} with every default applied, or a
 * {@link dev.ovnet.planner.config.ConfigException} listing every {@link dev.ovnet.planner.config.Problem} with its
 * line, column and what to write instead. Nothing here reads files: the CLI hands over the text.
 */
package dev.ovnet.planner.config;
