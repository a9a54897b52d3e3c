/**
 * Test fixtures shared by every module through the planner's test-jar: networks, hosts and states built as
 * records (no YAML parsing), and a strict JSON reader for checking the JSON the planner writes. Nothing here
 * touches the machine; kernel and process fakes belong to the modules that need them.
 */
package dev.ovnet.planner.testing;
