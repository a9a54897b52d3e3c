package dev.ovnet.planner.config;

import org.yaml.snakeyaml.nodes.Node;

/** A value read from the file together with the node it came from, so later checks can point at it. */
record Located<T>(T value, Node node) {
}
