package dev.ovnet.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.model.WireguardKey;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.State;
import dev.ovnet.planner.testing.KernelModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Helpers for plan tests: what a state says a host holds, and applying a plan to kernel models. */
final class Plans {

    private Plans() {
    }

    /** The objects {@code state} records for {@code host}, sorted by key (none if the state has no such host). */
    static List<KernelObject> recorded(State state, String host) {
        Optional<HostState> h = state.host(host);
        if (h.isEmpty()) {
            return List.of();
        }
        List<KernelObject> objects = new ArrayList<>(Planner.recorded(state, h.get(), state.peers()).materialise());
        objects.sort((a, b) -> a.key().compareTo(b.key()));
        return objects;
    }

    /** One kernel model per host of the state, holding what the state records. */
    static Map<String, KernelModel> kernels(State state) {
        Map<String, KernelModel> out = new TreeMap<>();
        for (HostState h : state.hosts()) {
            out.put(h.name(), new KernelModel(recorded(state, h.name())));
        }
        return out;
    }

    /**
     * Applies every host plan to its host's kernel model (a new host starts empty) and checks that each host then
     * holds exactly what {@code plan.next()} records for it: the promise a successful apply writes down.
     */
    static void applyAndCheck(Plan plan, Map<String, KernelModel> kernels, String where) {
        for (HostPlan hp : plan.hosts()) {
            KernelModel kernel = kernels.computeIfAbsent(hp.host(), h -> new KernelModel(List.of()));
            try {
                kernel.apply(hp);
            } catch (IllegalStateException e) {
                throw new AssertionError(where + ": host " + hp.host() + ": " + e.getMessage(), e);
            }
            List<KernelObject> expected = recorded(plan.next(), hp.host());
            List<KernelObject> actual = kernel.objects();
            if (plan.next().host(hp.host()).isEmpty()) {
                // ovnet sets net.ipv4.ip_forward but never resets it: a host it left keeps that and nothing else
                actual = actual.stream().filter(o -> !(o instanceof Sysctl)).toList();
            }
            if (expected.stream().noneMatch(o -> o instanceof WireguardKey)) {
                // a wireguard key outlives the network that made it: kept on the host, no longer ovnet's concern
                actual = actual.stream().filter(o -> !(o instanceof WireguardKey)).toList();
            }
            assertEquals(describe(expected), describe(actual), where + ": host " + hp.host() + " after apply");
            assertEquals(expected, actual, where + ": host " + hp.host() + " after apply");
            if (plan.next().host(hp.host()).isEmpty()) {
                kernels.remove(hp.host());
            }
        }
    }

    static List<String> describe(List<KernelObject> objects) {
        return objects.stream().map(KernelObject::describe).toList();
    }

    /** Every change of a host plan, listed and peer, as {@code "<symbol> <describe>"} lines in listing order. */
    static List<String> lines(HostPlan plan) {
        List<String> out = new ArrayList<>();
        plan.forEachChange(c -> out.add(c.action().symbol() + " "
                + (c.after() != null ? c.after() : c.before()).describe()));
        return out;
    }

    static HostPlan host(Plan plan, String name) {
        return plan.hosts().stream().filter(h -> h.host().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no plan for " + name));
    }
}
