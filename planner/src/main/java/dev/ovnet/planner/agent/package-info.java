/**
 * What an agent makes of the recorded network: the one host it runs on, seen as a local host, with every other
 * recorded host as its peer, so that the same planner, batches, rollback and checks as {@code ovnet apply} keep that
 * host right. Pure: the agent's I/O (etcd, the kernel, its report) lives in the providers and the CLI.
 */
package dev.ovnet.planner.agent;
