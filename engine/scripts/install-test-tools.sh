#!/usr/bin/env bash
# Installs and configures what the engine's tests run against for real: OpenSSH, podman (with the
# settings this kind of machine needs), busybox and a static C toolchain for locally built images,
# nginx, PostgreSQL and Prometheus.
# Idempotent: installs only what is missing. Needs root (apt-get).
set -euo pipefail

# Machines of this kind are Debian 12 or 13; the steps below are written for those two. On anything
# else, stop here rather than half-install and let the tests fail somewhere far from the cause.
debian=$(cut -d. -f1 /etc/debian_version 2>/dev/null || echo none)
case "$debian" in
  12|13) ;;
  *) echo "install-test-tools: written for Debian 12 and 13; this is '$(cat /etc/debian_version 2>/dev/null || echo not Debian)'" >&2
     exit 2 ;;
esac

need=()
have() { command -v "$1" >/dev/null 2>&1; }
have sshd || [ -x /usr/sbin/sshd ] || need+=(openssh-server)
have ssh || need+=(openssh-client)
have ssh-keygen || need+=(openssh-client)
have podman || need+=(podman)
have runc || need+=(runc)
# The test bed puts each simulated host in a network namespace of its own (ip netns, nsenter, unshare).
have ip || need+=(iproute2)
have curl || need+=(curl)
have nsenter && have unshare || need+=(util-linux)
[ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -qx httpd || need+=(busybox-static)
# The test app's server is C, built static into the image: gcc and the static libc.
have gcc || need+=(gcc)
[ -e "/usr/lib/$(uname -m)-linux-gnu/libc.a" ] || need+=(libc6-dev)
have nginx || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
[ -x /usr/lib/postgresql/15/bin/postgres ] || ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
# The watch's Prometheus source is tested against a real server; the tests start their own.
have prometheus || need+=(prometheus)

if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Packages with a service (prometheus above all, which would scrape and keep a database under
  # /var/lib) must not start it: the tests run their own servers. invoke-rc.d and deb-systemd-invoke
  # ask policy-rc.d; one that answers 101 (action forbidden) stands while apt runs, unless the
  # machine has its own already.
  own_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    own_policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\n# bluegreen-test-tools: no service starts while the test tools install\nexit 101\n' > "$own_policy"
    chmod 755 "$own_policy"
    trap 'rm -f "$own_policy"' EXIT
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" uidmap >/dev/null
  if [ -n "$own_policy" ]; then rm -f "$own_policy"; trap - EXIT; fi
fi

# podman on these machines runs only with runc, cgroupfs and ulimits no higher than the hard limits
# we hold (no CAP_SYS_RESOURCE here, and podman's own defaults for root are higher).
conf=/etc/containers/containers.conf
hard_nproc=$(ulimit -Hu); [ "$hard_nproc" = unlimited ] && hard_nproc=4096
nproc=$(( hard_nproc < 4096 ? hard_nproc : 4096 ))
if ! grep -q "nproc=$nproc:$nproc" "$conf" 2>/dev/null; then
  mkdir -p /etc/containers
  cat > "$conf" <<CONF
# bluegreen-test-tools: settings podman needs on this kind of machine
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=$nproc:$nproc"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
  # podman 5 (Debian 13) networks with netavark, whose default firewall driver wants nft, which the
  # image lacks; iptables comes with the packages above. podman 4 (Debian 12) uses CNI and iptables.
  if [ "$(podman --version | awk '{print $3}' | cut -d. -f1)" -ge 5 ]; then
    printf '\n[network]\nfirewall_driver = "iptables"\n' >> "$conf"
  fi
fi
# PostgreSQL refuses to run as root: the tests run their throw-away clusters as this system user.
id postgres >/dev/null 2>&1 \
  || useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home --shell /usr/sbin/nologin postgres

# A container that died before podman tore its network down (a killed run, a cancelled test) leaves
# DNAT rules behind, and they send every later connection to 127.0.0.1:<its port> to a dead address,
# whoever listens there now. While no container runs at all (no conmon), every such rule is stale.
if have iptables && ! pgrep -x conmon >/dev/null; then
  for chain in $(iptables -t nat -S 2>/dev/null | awk '$1 == "-N" && ($2 == "NETAVARK-HOSTPORT-DNAT" || $2 ~ /^NETAVARK-DN-/) { print $2 }'); do
    iptables -t nat -F "$chain" || echo "could not clear the stale port rules in $chain" >&2
  done
fi

# The distribution's services must not hold the ports or data dirs the tests use.
for svc in nginx postgresql ssh prometheus; do
  if have systemctl; then systemctl stop "$svc" >/dev/null 2>&1 || true; fi
  service "$svc" stop >/dev/null 2>&1 || true
done
# What the tests need most, tried once: a network namespace, and a container in it whose published
# port answers. A machine where either fails says so here, not in the middle of the test run.
check=$(mktemp -d)
netns="bgcheck$$"
cleanup() {
  podman rm -f -t 0 "$netns" >/dev/null 2>&1 || true
  ip netns del "$netns" 2>/dev/null || true
  rm -rf "$check"
}
trap cleanup EXIT
mkdir -p "$check/rootfs/bin"
cp /bin/busybox "$check/rootfs/bin/"
ln -s busybox "$check/rootfs/bin/sh"
echo ok > "$check/rootfs/index.html"
tar -C "$check/rootfs" -cf "$check/image.tar" .
podman import -q "$check/image.tar" localhost/bgcheck:latest >/dev/null
ip netns add "$netns" || { echo "install-test-tools: cannot create a network namespace (ip netns add)" >&2; exit 1; }
ip -n "$netns" link set lo up
nsenter --net="/run/netns/$netns" podman run -d -q --name "$netns" -p 127.0.0.1:18080:8080 localhost/bgcheck:latest \
    /bin/busybox httpd -f -p 8080 -h / >/dev/null \
  || { echo "install-test-tools: podman cannot run a container with a published port inside a network namespace" >&2; exit 1; }
answer=""
for _ in $(seq 50); do
  answer=$(nsenter --net="/run/netns/$netns" curl -s -m 2 http://127.0.0.1:18080/index.html 2>/dev/null || true)
  [ "$answer" = ok ] && break
  sleep 0.1
done
[ "$answer" = ok ] || { echo "install-test-tools: a container's published port does not answer inside a network namespace" >&2; exit 1; }
podman rmi -f localhost/bgcheck:latest >/dev/null 2>&1 || true

echo "test tools ready on Debian $(cat /etc/debian_version): $(ssh -V 2>&1 | cut -d, -f1), podman $(podman --version | awk '{print $3}'), nginx $(nginx -v 2>&1 | sed 's#.*/##'), postgres $(ls /usr/lib/postgresql), prometheus $(prometheus --version 2>&1 | awk 'NR == 1 { print $3 }')"
