/**
 * Test fixtures shared by every module through the planner's test-jar: networks, hosts and states built as
 * records (no YAML parsing), a strict JSON reader for checking the JSON the planner writes, and the way to the
 * repository's own examples and docs. Nothing here changes the machine; kernel and process fakes belong to the
 * modules that need them.
 */
package dev.ovnet.planner.testing;
