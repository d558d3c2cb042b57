namespace Nido.Vmm.Guest;

/// <summary>
/// /init of the default guest (run by busybox sh): mounts the kernel filesystems, loads the virtio modules
/// listed in /etc/nido/modules in dependency order, configures eth0 from nido.ip=ADDR/PREFIX and nido.gw=GW on
/// the kernel command line, mounts /dev/vda on /mnt when it holds a filesystem, and gives the console a login
/// shell with job control (none with nido.shell=0, for benchmarks). When the shell exits the guest powers off, so
/// `nido vm run` returns 0.
/// </summary>
internal static class GuestInit
{
    public const string Script = """
        #!/bin/busybox sh
        /bin/busybox --install -s
        export PATH=/sbin:/usr/sbin:/bin:/usr/bin HOME=/root TERM=linux
        mount -t proc proc /proc
        mount -t sysfs sysfs /sys
        mount -t devtmpfs devtmpfs /dev 2>/dev/null
        mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
        mount -t tmpfs tmpfs /tmp
        while read -r m; do
          insmod "/lib/modules/$m.ko" 2>/dev/null || echo "nido-init: cannot load module $m"
        done </etc/nido/modules
        hostname nido
        ip link set lo up

        arg() { for w in $(cat /proc/cmdline); do case "$w" in "$1="*) echo "${w#*=}" ;; esac; done; }
        wait_for() { i=0; while [ ! -e "$1" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done; }

        addr=$(arg nido.ip)
        if [ -n "$addr" ]; then
          wait_for /sys/class/net/eth0
          ip link set eth0 up && ip addr add "$addr" dev eth0 && echo "nido-init: eth0 $addr"
          gw=$(arg nido.gw)
          [ -n "$gw" ] && ip route add default via "$gw"
        fi
        if grep -qs 0x0002 /sys/bus/virtio/devices/*/device; then
          wait_for /dev/vda
          if mount /dev/vda /mnt 2>/dev/null || mount -o ro /dev/vda /mnt 2>/dev/null; then
            echo "nido-init: /dev/vda mounted on /mnt"
          else
            echo "nido-init: /dev/vda holds no filesystem this kernel mounts; it is there as a raw disk"
          fi
        fi
        echo "nido-init: ready, Linux $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPU(s)"
        if [ "$(arg nido.shell)" != 0 ]; then
          setsid cttyhack sh -l
          echo "nido-init: the shell exited; powering off"
        fi
        sync
        poweroff -f
        """;
}
