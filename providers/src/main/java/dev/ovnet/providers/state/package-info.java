/**
 * Where ovnet keeps its state (docs/state.md): the JSON codec of {@link dev.ovnet.planner.state.State}, a local file
 * store (atomic writes, one backup, an OS lock that a crashed process loses) and an etcd store (compare-and-swap
 * writes, a lock under an expiring lease, the leases mirrored in flannel's own key layout). Jackson is used only
 * here and in the CLI, so the planner stays free of a JSON library; {@link dev.ovnet.providers.state.StrictJson}
 * is the one strict reader for what ovnet reads back from itself, the state here and the CLI's saved plans.
 */
package dev.ovnet.providers.state;
