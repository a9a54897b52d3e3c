package dev.ovnet.providers.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ovnet.planner.desired.FlannelFiles;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import org.junit.jupiter.api.Test;

class SubnetEnvTest {

    @Test
    void readsWhatApplyWrites() {
        String text = FlannelFiles.subnetEnv(Cidr.parse("10.100.0.0/16"), Cidr.parse("10.100.50.0/24"), 1450, true);

        SubnetEnv env = SubnetEnv.parse("subnet.env", text);

        assertEquals(Ipv4.parse("10.100.50.1"), env.gateway());
        assertEquals(Cidr.parse("10.100.50.0/24"), env.subnet());
        assertEquals(1450, env.mtu());
    }

    @Test
    void aFileWithoutSubnetIsRefusedWithAHint() {
        LabException e = assertThrows(LabException.class, () -> SubnetEnv.parse("/r/subnet.env", "FLANNEL_MTU=1450\n"));

        assertEquals("run `ovnet apply -f FILE` again: it rewrites the file", e.hint());
    }
}
