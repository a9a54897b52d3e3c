#!/bin/sh
# Captures the fixtures beside this script from a real kernel, inside two throw-away network namespaces
# (ovk-cap-a, ovk-cap-b); the machine's own namespace is never touched. Run as root from this folder:
#   sh capture.sh
# The unit tests (Iproute2JsonTest, IptablesSaveTest, ...) assert on these files, so re-capturing on another
# iproute2/iptables version shows at once whether ovnet still reads that version's output.
set -eu
A=ovk-cap-a
B=ovk-cap-b
cleanup() { ip netns del "$A" 2>/dev/null || true; ip netns del "$B" 2>/dev/null || true; }
trap cleanup EXIT
cleanup
ip netns add "$A"
ip netns add "$B"
ip -n "$A" link add eth0 type veth peer name eth0 netns "$B"
ip -n "$A" addr add 192.0.2.1/24 dev eth0
ip -n "$A" link set eth0 up
ip -n "$A" link set lo up

# what ovnet would make (vxlan, two peers; a tun device with the udp pool route), plus things it must skip
ip -n "$A" -batch - <<'IP'
link add flannel.1 type vxlan id 1 local 192.0.2.1 dev eth0 dstport 8472 nolearning
link set flannel.1 address 0e:11:22:33:44:55 mtu 1450 up
addr replace 10.100.1.0/32 dev flannel.1
addr add 10.100.1.7/24 dev flannel.1
addr add 172.31.0.1/32 dev flannel.1
neigh replace 10.100.2.0 lladdr 0e:aa:bb:cc:dd:02 dev flannel.1 nud permanent
neigh replace 10.100.3.0 lladdr 0e:aa:bb:cc:dd:03 dev flannel.1 nud permanent
neigh replace 192.0.2.50 lladdr 02:00:00:00:00:50 dev eth0 nud permanent
route replace 10.100.2.0/24 via 10.100.2.0 dev flannel.1 onlink proto 152
route replace 10.100.3.0/24 via 10.100.3.0 dev flannel.1 onlink proto 152
route replace 10.200.0.0/16 via 192.0.2.2 dev eth0
route replace 10.100.4.0/24 via 192.0.2.4 dev eth0 proto 152
route add blackhole 10.100.99.0/24 proto 152
tuntap add dev flannel0 mode tun
link set flannel0 mtu 1472 up
addr replace 10.100.1.0/32 dev flannel0
route replace 10.100.0.0/16 dev flannel0 proto 152
IP
ip netns exec "$A" bridge -batch - <<'BR'
fdb replace 0e:aa:bb:cc:dd:02 dev flannel.1 dst 192.0.2.2 self permanent
fdb replace 0e:aa:bb:cc:dd:03 dev flannel.1 dst 192.0.2.3 self permanent
fdb append 00:00:00:00:00:00 dev flannel.1 dst 192.0.2.99 self permanent
BR

# the rules exactly as IptablesRules.forward(10.100.0.0/16) and masquerade(pool, 10.100.1.0/24, true) spell them
ip netns exec "$A" iptables-restore --noflush -w <<'IPT'
*filter
:OVNET-FWD - [0:0]
-A OVNET-FWD -s 10.100.0.0/16 -m comment --comment "ovnet forward" -j ACCEPT
-A OVNET-FWD -d 10.100.0.0/16 -m comment --comment "ovnet forward" -j ACCEPT
-A FORWARD -s 192.0.2.0/24 -j ACCEPT
-A FORWARD -m comment --comment "ovnet forward" -j OVNET-FWD
COMMIT
*nat
:OVNET-POSTRTG - [0:0]
-A OVNET-POSTRTG -m mark --mark 0x4000/0x4000 -m comment --comment "ovnet masq" -j RETURN
-A OVNET-POSTRTG -s 10.100.1.0/24 -d 10.100.0.0/16 -m comment --comment "ovnet masq" -j RETURN
-A OVNET-POSTRTG -s 10.100.0.0/16 -d 10.100.1.0/24 -m comment --comment "ovnet masq" -j RETURN
-A OVNET-POSTRTG ! -s 10.100.0.0/16 -d 10.100.1.0/24 -m comment --comment "ovnet masq" -j RETURN
-A OVNET-POSTRTG -s 10.100.0.0/16 ! -d 224.0.0.0/4 -m comment --comment "ovnet masq" -j MASQUERADE --random-fully
-A OVNET-POSTRTG ! -s 10.100.0.0/16 -d 10.100.0.0/16 -m comment --comment "ovnet masq" -j MASQUERADE --random-fully
-A POSTROUTING -m comment --comment "ovnet masq" -j OVNET-POSTRTG
COMMIT
IPT

printf 'addr show\nroute show proto 152\nneigh show nud permanent\n' \
    | ip netns exec "$A" ip -d -j -batch - > ip-shows.json
ip netns exec "$A" bridge -j fdb show > bridge-fdb.json
ip netns exec "$A" iptables-save > iptables-save.txt
ip netns exec "$A" iptables --version > iptables-version.txt

# the jump to OVNET-FWD removed, a second jump to OVNET-POSTRTG added
ip netns exec "$A" iptables -D FORWARD -m comment --comment "ovnet forward" -j OVNET-FWD
ip netns exec "$A" iptables -t nat -A POSTROUTING -j OVNET-POSTRTG
ip netns exec "$A" iptables-save > iptables-save-jumps.txt

# failures as iproute2 and iptables-restore report them
printf 'route replace 10.100.5.0/24 via 10.100.5.0 dev flannel.1 onlink proto 152\nroute replace 10.100.6.0/24 via 10.100.6.0 dev nosuch onlink proto 152\n' \
    | ip netns exec "$A" ip -batch - 2> ip-batch-failed.stderr || true
printf 'fdb replace 0e:aa:bb:cc:dd:04 dev nosuch dst 192.0.2.4 self permanent\n' \
    | ip netns exec "$A" bridge -batch - 2> bridge-batch-failed.stderr || true
printf '*filter\n:OVNET-FWD - [0:0]\n-A OVNET-FWD -j NOSUCHCHAIN\nCOMMIT\n' \
    | ip netns exec "$A" iptables-restore --noflush -w 2> iptables-restore-failed.stderr || true
echo captured
