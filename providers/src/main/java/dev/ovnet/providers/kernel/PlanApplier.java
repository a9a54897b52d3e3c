package dev.ovnet.providers.kernel;

import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.model.IptablesChain;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.model.WireguardKey;
import dev.ovnet.planner.model.WireguardPeer;
import dev.ovnet.planner.plan.Action;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.HostFailure;
import dev.ovnet.providers.forwarding.ForwarderControl;
import dev.ovnet.providers.transport.Transport;
import dev.ovnet.providers.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a host plan: walks its changes in apply order, cuts them into runs of consecutive changes for the
 * same tool and gives each run to that tool in one go ({@code ip -batch -}, {@code bridge -batch -}), or change
 * by change where there are only a few (iptables chains, the sysctl, files, the forwarder). It stops at the first
 * failure; because iproute2 names the failing line, the result lists exactly the changes done before it.
 */
final class PlanApplier {

    private static final Pattern RESTORE_LINE = Pattern.compile("line (\\d+) failed|Error occurred at line: (\\d+)");

    /** Which program carries out a change. */
    enum Tool {
        IP, BRIDGE, IPTABLES, IP6TABLES, SYSCTL, FILE, FORWARDER, WG;

        static Tool of(KernelObject o) {
            if (o instanceof WireguardKey || o instanceof WireguardPeer || o instanceof Link l && l.isWireguard()) {
                return WG;
            }
            if (o instanceof Link || o instanceof Address || o instanceof Neighbour || o instanceof Route) {
                return IP;
            }
            if (o instanceof FdbEntry) {
                return BRIDGE;
            }
            if (o instanceof IptablesChain c) {
                return c.ipv6() ? IP6TABLES : IPTABLES;
            }
            if (o instanceof Sysctl) {
                return SYSCTL;
            }
            if (o instanceof FileObject) {
                return FILE;
            }
            if (o instanceof Forwarder) {
                return FORWARDER;
            }
            throw new IllegalArgumentException("unknown object " + o);
        }

        static Tool of(Change c) {
            return of(c.after() != null ? c.after() : c.before());
        }

        /** How the tool is run, for a failure that happened before any line could be blamed. */
        String command() {
            return switch (this) {
                case IP -> "ip -batch -";
                case BRIDGE -> "bridge -batch -";
                case IPTABLES -> "iptables-restore --noflush";
                case IP6TABLES -> "ip6tables-restore --noflush";
                case SYSCTL -> "sysctl -w";
                case FILE -> "write file";
                case FORWARDER -> "forwarder";
                case WG -> "wg";
            };
        }
    }

    private final String host;
    private final HostCommands commands;
    private final ForwarderControl forwarder;
    private final WireguardHost wireguard;

    PlanApplier(String host, HostCommands commands, ForwarderControl forwarder, WireguardHost wireguard) {
        this.host = host;
        this.commands = commands;
        this.forwarder = forwarder;
        this.wireguard = wireguard;
    }

    ApplyResult apply(HostPlan plan, ApplyListener listener) {
        List<Change> all = new ArrayList<>();
        plan.forEachInApplyOrder(all::add);
        List<Change> applied = new ArrayList<>(all.size());
        int start = 0;
        while (start < all.size()) {
            Tool tool = Tool.of(all.get(start));
            int end = start + 1;
            while (end < all.size() && Tool.of(all.get(end)) == tool) {
                end++;
            }
            List<Change> run = all.subList(start, end);
            HostFailure failure = run(tool, run, applied);
            listener.hostProgress(host, applied.size(), all.size(), step(tool, run));
            if (failure != null) {
                return new ApplyResult(applied, failure);
            }
            start = end;
        }
        return new ApplyResult(applied, null);
    }

    private static String step(Tool tool, List<Change> run) {
        return tool.name().toLowerCase() + ": " + run.size() + (run.size() == 1 ? " change" : " changes");
    }

    private HostFailure run(Tool tool, List<Change> run, List<Change> applied) {
        try {
            return switch (tool) {
                case IP -> batch("ip", Iproute2Batch.renderIp(run), applied);
                case BRIDGE -> batch("bridge", Iproute2Batch.renderBridge(run), applied);
                case IPTABLES -> iptables(run, applied, false);
                case IP6TABLES -> iptables(run, applied, true);
                case SYSCTL -> sysctl(run, applied);
                case FILE -> files(run, applied);
                case FORWARDER -> forwarder(run, applied);
                case WG -> wireguard.apply(host, run, applied);
            };
        } catch (CommandFailedException e) {
            return new HostFailure(host, e.command(), e.detail(), false);
        } catch (TransportException e) {
            return new HostFailure(host, tool.command(), e.getMessage(), e.unreachable());
        }
    }

    /** One {@code ip -batch -} / {@code bridge -batch -}: stops at the first failing line, which it names. */
    private HostFailure batch(String program, Iproute2Batch.Rendered rendered, List<Change> applied) {
        Transport.Result result = commands.run(List.of(program, "-batch", "-"), rendered.text());
        if (result.ok()) {
            applied.addAll(rendered.changes());
            return null;
        }
        OptionalInt line = Iproute2Batch.failedLine(result.stderr());
        String message = Iproute2Batch.message(result.stderr());
        if (line.isEmpty() || line.getAsInt() < 1 || line.getAsInt() > rendered.lines().size()) {
            // no line named: which changes were done is unknown, so none is claimed
            return new HostFailure(host, program + " -batch -", message, false);
        }
        int failed = rendered.changeAt(line.getAsInt());
        applied.addAll(rendered.changes().subList(0, failed));
        return new HostFailure(host, program + " " + rendered.lines().get(line.getAsInt() - 1), message, false);
    }

    /** One family's chains: read with (ip6)iptables-save, each change one (ip6)iptables-restore transaction. */
    private HostFailure iptables(List<Change> run, List<Change> applied, boolean ipv6) {
        IptablesSave current = IptablesSave.parse(commands.output(List.of(ipv6 ? "ip6tables-save" : "iptables-save")));
        List<String> restore = commands.restoreCommand(ipv6);
        for (Change change : run) {
            String input;
            String table;
            if (change.action() == Action.DELETE) {
                IptablesChain before = (IptablesChain) change.before();
                table = before.table();
                input = IptablesRestore.delete(before, current).orElse(null);
            } else {
                IptablesChain after = (IptablesChain) change.after();
                table = after.table();
                input = IptablesRestore.write(after, current);
            }
            if (input != null) {
                Transport.Result result = commands.run(restore, input);
                if (!result.ok()) {
                    return new HostFailure(host, restoreFailure(restore, table, input, result.stderr()),
                            restoreMessage(result.stderr()), false);
                }
            }
            applied.add(change);
        }
        return null;
    }

    /** The failing rule as the equivalent iptables command, when iptables-restore names its line. */
    static String restoreFailure(List<String> restore, String table, String input, String stderr) {
        Matcher m = RESTORE_LINE.matcher(stderr);
        String[] lines = input.split("\n");
        if (m.find()) {
            int n = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
            if (n >= 1 && n <= lines.length && lines[n - 1].startsWith("-")) {
                return (restore.get(0).startsWith("ip6") ? "ip6tables" : "iptables") + " -t " + table + " "
                        + lines[n - 1];
            }
        }
        return String.join(" ", restore) + " (table " + table + ")";
    }

    /** iptables-restore's message without its usage advice. */
    static String restoreMessage(String stderr) {
        StringBuilder out = new StringBuilder();
        for (String line : stderr.split("\n")) {
            if (!line.isBlank() && !line.startsWith("Try `")) {
                out.append(out.length() == 0 ? "" : "; ").append(line.strip());
            }
        }
        return out.length() == 0 ? "failed without a message" : out.toString();
    }

    /** ovnet sets sysctls but never unsets them: a delete is done by doing nothing. */
    private HostFailure sysctl(List<Change> run, List<Change> applied) {
        for (Change change : run) {
            if (change.action() != Action.DELETE) {
                Sysctl s = (Sysctl) change.after();
                commands.output(List.of("sysctl", "-w", s.name() + "=" + s.value()));
            }
            applied.add(change);
        }
        return null;
    }

    private HostFailure files(List<Change> run, List<Change> applied) {
        for (Change change : run) {
            String path = ((FileObject) (change.after() != null ? change.after() : change.before())).path();
            try {
                if (change.action() == Action.DELETE) {
                    commands.transport().deleteFile(path);
                } else {
                    FileObject f = (FileObject) change.after();
                    commands.transport().writeFile(path, f.content().getBytes(StandardCharsets.UTF_8), f.mode());
                }
            } catch (TransportException e) {
                String verb = change.action() == Action.DELETE ? "remove " : "write ";
                return new HostFailure(host, verb + path, e.getMessage(), e.unreachable());
            }
            applied.add(change);
        }
        return null;
    }

    private HostFailure forwarder(List<Change> run, List<Change> applied) {
        for (Change change : run) {
            forwarder.apply(commands.transport(), change);
            applied.add(change);
        }
        return null;
    }
}
