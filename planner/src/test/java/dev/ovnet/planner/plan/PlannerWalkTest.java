package dev.ovnet.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.state.State;
import dev.ovnet.planner.testing.Fixtures;
import dev.ovnet.planner.testing.KernelModel;
import dev.ovnet.planner.testing.NetworkBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random walks through configuration changes. At every step the plan, applied change by change to a strict
 * model of each host's kernel, must leave every host holding exactly what the next state records; planning
 * again must then show no changes; and the same inputs must give the same plan.
 */
class PlannerWalkTest {

    private static final int WALKS = 60;
    private static final int STEPS = 12;

    @Test
    void everyPlanGetsEveryHostToWhatTheNextStateRecords() {
        Random random = new Random(424242);
        for (int walk = 0; walk < WALKS; walk++) {
            NetworkBuilder b = Fixtures.builder(BackendType.values()[random.nextInt(3)]).hosts(1 + random.nextInt(5));
            State state = State.empty(Fixtures.LINEAGE);
            Map<String, KernelModel> kernels = new HashMap<>();
            int[] names = {b.build().hosts().size()};
            for (int step = 0; step < STEPS; step++) {
                String where = "walk " + walk + " step " + step;
                List<String> did = new ArrayList<>();
                if (step > 0) {
                    for (int m = 1 + random.nextInt(2); m > 0; m--) {
                        did.add(mutate(b, random, names));
                    }
                }
                NetworkConfig config = b.build();
                Map<String, HostReading> readings = random.nextBoolean() ? Map.of() : read(kernels, random);
                Planner.Inputs inputs = new Planner.Inputs(state, readings, !readings.isEmpty(), "h");
                Plan plan = Planner.plan(config, inputs);
                String what = where + " " + config.backend().type() + " " + did;
                assertEquals(plan, Planner.plan(config, inputs), what + ": same inputs, same plan");
                plan.hosts().forEach(HostPlanTest::assertApplyOrder);
                Plans.applyAndCheck(plan, kernels, what);
                state = plan.next();
                Plan again = Fixtures.plan(config, state);
                assertFalse(again.hasChanges(), () -> what + ": changes after apply: "
                        + again.hosts().stream().filter(h -> !h.isEmpty()).map(Plans::lines).toList());
            }
        }
    }

    /** What refresh would read from some of the hosts, sometimes with an object removed behind ovnet's back. */
    private static Map<String, HostReading> read(Map<String, KernelModel> kernels, Random random) {
        Map<String, HostReading> out = new HashMap<>();
        for (String host : kernels.keySet()) {
            if (random.nextInt(4) == 0) {
                continue;
            }
            List<KernelObject> objects = new ArrayList<>(kernels.get(host).objects());
            if (!objects.isEmpty() && random.nextInt(3) == 0) {
                KernelObject lost = objects.remove(random.nextInt(objects.size()));
                kernels.get(host).apply(new Change.Delete(lost));
                objects = kernels.get(host).objects();
            }
            String iface = random.nextInt(4) == 0 ? "ens4" : "eth0";
            int mtu = random.nextInt(4) == 0 ? 9000 : 1500;
            Cidr segment = random.nextBoolean() ? Cidr.parse("192.0.2.0/24") : null;
            out.put(host, new HostReading(new HostFacts(iface, mtu, segment, random.nextBoolean(), false), objects));
        }
        return out;
    }

    private static String mutate(NetworkBuilder b, Random random, int[] names) {
        NetworkConfig c = b.build();
        List<HostConfig> hosts = c.hosts();
        switch (random.nextInt(13)) {
            case 0, 1 -> {
                String name = "node-" + (++names[0]);
                b.host(Fixtures.host(name, freeAddress(hosts, random).toString()));
                return "add " + name;
            }
            case 2, 3 -> {
                if (hosts.size() <= 1) {
                    return "keep";
                }
                String name = hosts.get(random.nextInt(hosts.size())).name();
                b.remove(name);
                return "remove " + name;
            }
            case 4 -> {
                BackendType type = BackendType.values()[random.nextInt(3)];
                b.backend(type);
                return "backend " + type;
            }
            case 5 -> {
                Integer mtu = random.nextBoolean() ? null : 1300 + random.nextInt(200);
                b.mtu(mtu);
                return "mtu " + mtu;
            }
            case 6 -> {
                b.ipMasq(!c.ipMasq()).directRouting(random.nextBoolean());
                return "ipMasq " + !c.ipMasq();
            }
            case 7 -> {
                ContainerRuntime runtime = ContainerRuntime.values()[random.nextInt(3)];
                b.runtime(runtime);
                return "runtime " + runtime;
            }
            case 8 -> {
                HostConfig h = hosts.get(random.nextInt(hosts.size()));
                Set<Cidr> pins = new HashSet<>();
                hosts.forEach(x -> pins.add(x.subnet()));
                Cidr pin = c.pool().equals(Fixtures.POOL)
                        ? Cidr.parse("10.100." + (100 + random.nextInt(150)) + ".0/24") : null;
                b.change(h.name(), x -> Fixtures.withSubnet(x, pins.contains(pin) ? null : pin));
                return "pin " + h.name() + " " + pin;
            }
            case 9 -> {
                HostConfig h = hosts.get(random.nextInt(hosts.size()));
                Ipv4 address = freeAddress(hosts, random);
                b.change(h.name(), x -> Fixtures.withAddress(x, address));
                return "move " + h.name() + " to " + address;
            }
            case 10 -> {
                b.vni(1 + random.nextInt(3)).port(c.backend().type().defaultPort() + random.nextInt(2));
                return "vni/port";
            }
            case 11 -> {
                String name = random.nextBoolean() ? "default" : "demo";
                b.name(name);
                return "name " + name;
            }
            default -> {
                String pool = random.nextBoolean() ? "10.100.0.0/16" : "10.0.0.0/8";
                b.pool(pool).every(h -> Fixtures.withSubnet(h, null));
                return "pool " + pool;
            }
        }
    }

    private static Ipv4 freeAddress(List<HostConfig> hosts, Random random) {
        while (true) {
            Ipv4 candidate = Ipv4.parse("192.0.2.0").plus(10 + random.nextInt(240));
            if (hosts.stream().noneMatch(h -> h.address().equals(candidate))) {
                return candidate;
            }
        }
    }
}
