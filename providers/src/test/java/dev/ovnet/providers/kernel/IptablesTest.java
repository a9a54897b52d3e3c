package dev.ovnet.providers.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.desired.IptablesRules;
import dev.ovnet.planner.model.IptablesChain;
import dev.ovnet.planner.net.Cidr;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IptablesTest {

    private static final Cidr POOL = Cidr.parse("10.100.0.0/16");
    private static final Cidr LEASE = Cidr.parse("10.100.1.0/24");
    private static final IptablesChain FWD = IptablesRules.forward(POOL);
    private static final IptablesChain MASQ = IptablesRules.masquerade(POOL, LEASE, true);

    @Test
    void whatThePlannerWritesIsWhatIptablesSavePrintsBack() {
        IptablesSave save = IptablesSave.parse(Fixtures.read("iptables-save.txt"));
        assertEquals(Optional.of(FWD), save.chain("filter", "OVNET-FWD", "FORWARD"));
        assertEquals(Optional.of(MASQ), save.chain("nat", "OVNET-POSTRTG", "POSTROUTING"));
    }

    @Test
    void aMissingOrDoubledJumpIsReadAsADifference() {
        IptablesSave save = IptablesSave.parse(Fixtures.read("iptables-save-jumps.txt"));
        IptablesChain fwd = save.chain("filter", "OVNET-FWD", "FORWARD").orElseThrow();
        assertEquals("", fwd.jumpRule());
        assertEquals(FWD.rules(), fwd.rules());
        IptablesChain masq = save.chain("nat", "OVNET-POSTRTG", "POSTROUTING").orElseThrow();
        assertEquals(MASQ.jumpRule() + "\n-A POSTROUTING -j OVNET-POSTRTG", masq.jumpRule());
        assertFalse(save.hasChain("nat", "OVNET-FWD"));
        assertEquals(Optional.empty(), save.chain("mangle", "OVNET-FWD", "FORWARD"));
    }

    @Test
    void writingAChainDeclaresFlushesFillsAndAppendsOneJump() {
        IptablesSave empty = IptablesSave.parse("*filter\n:FORWARD ACCEPT [0:0]\nCOMMIT\n");
        assertEquals("*filter\n:OVNET-FWD - [0:0]\n-F OVNET-FWD\n"
                + "-A OVNET-FWD -s 10.100.0.0/16 -m comment --comment \"ovnet forward\" -j ACCEPT\n"
                + "-A OVNET-FWD -d 10.100.0.0/16 -m comment --comment \"ovnet forward\" -j ACCEPT\n"
                + "-A FORWARD -m comment --comment \"ovnet forward\" -j OVNET-FWD\nCOMMIT\n",
                IptablesRestore.write(FWD, empty));
    }

    @Test
    void aRightJumpIsKeptAndWrongOnesAreReplacedByOne() {
        IptablesSave right = IptablesSave.parse(Fixtures.read("iptables-save.txt"));
        assertFalse(IptablesRestore.write(MASQ, right).contains("POSTROUTING"));
        IptablesSave doubled = IptablesSave.parse(Fixtures.read("iptables-save-jumps.txt"));
        String text = IptablesRestore.write(MASQ, doubled);
        assertTrue(text.endsWith("-D POSTROUTING -m comment --comment \"ovnet masq\" -j OVNET-POSTRTG\n"
                + "-D POSTROUTING -j OVNET-POSTRTG\n"
                + "-A POSTROUTING -m comment --comment \"ovnet masq\" -j OVNET-POSTRTG\nCOMMIT\n"), text);
    }

    @Test
    void deletingRemovesJumpsThenTheChainAndNothingWhenItIsGone() {
        IptablesSave save = IptablesSave.parse(Fixtures.read("iptables-save.txt"));
        assertEquals(Optional.of("*filter\n-D FORWARD -m comment --comment \"ovnet forward\" -j OVNET-FWD\n"
                + "-F OVNET-FWD\n-X OVNET-FWD\nCOMMIT\n"), IptablesRestore.delete(FWD, save));
        assertEquals(Optional.empty(), IptablesRestore.delete(FWD, IptablesSave.parse("*filter\nCOMMIT\n")));
    }

    @Test
    void versionDecidesRandomFullyAndWait() {
        IptablesVersion captured = IptablesVersion.parse(Fixtures.read("iptables-version.txt"));
        assertEquals(new IptablesVersion(1, 8, 9, true), captured);
        assertTrue(captured.randomFully());
        assertFalse(IptablesVersion.parse("iptables v1.6.1\n").randomFully());
        assertTrue(IptablesVersion.parse("iptables v1.6.2\n").randomFully());
        assertTrue(IptablesVersion.parse("iptables v1.8.7 (legacy)\n").restoreWait());
        assertFalse(IptablesVersion.parse("iptables v1.4.21\n").restoreWait());
    }

    @Test
    void aRestoreFailureNamesTheRuleAsAnIptablesCommand() {
        String input = "*filter\n:OVNET-FWD - [0:0]\n-A OVNET-FWD -j NOSUCHCHAIN\nCOMMIT\n";
        List<String> restore = List.of("iptables-restore", "--noflush", "-w");
        assertEquals("iptables -t filter -A OVNET-FWD -j NOSUCHCHAIN", PlanApplier.restoreFailure(restore, "filter",
                input, "iptables-restore v1.8.9 (legacy): Couldn't load target `NOSUCHCHAIN'\n"
                        + "Error occurred at line: 3\n"));
        String nft = Fixtures.read("iptables-restore-failed.stderr"); // nf_tables names the COMMIT line
        assertEquals("iptables-restore --noflush -w (table filter)",
                PlanApplier.restoreFailure(restore, "filter", input, nft));
        assertEquals("iptables-restore v1.8.9 (nf_tables): Chain 'NOSUCHCHAIN' does not exist; "
                + "Error occurred at line: 4", PlanApplier.restoreMessage(nft));
    }
}
