#!/usr/bin/env bash
# Runs the guests built by build.sh under QEMU TCG, the reference the VMM is compared with, and
# checks each for its expected lines and exit status. A developer tool: the xunit tests do not use it.
# Needs qemu-system-x86 (Debian package). Usage: qemu-check.sh OUTDIR
set -u
out=${1:?usage: qemu-check.sh OUTDIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

# check NAME STATUS EXPECTED_LINES QEMU_ARGS...: stdin goes to the guest's COM1. QEMU's exit
# status is (code << 1) | 1 for an isa-debug-exit code, 0 for a triple fault with -no-reboot.
check() {
	local name=$1 want_status=$2 want=$3
	shift 3
	timeout 120 qemu-system-x86_64 -accel tcg -nographic -no-reboot -serial stdio -monitor none \
		-display none -net none -device isa-debug-exit,iobase=0xf4,iosize=4 "$@" >"$tmp/raw"
	local status=$?
	# SeaBIOS shares the serial port; the guest's output starts after "Booting from ROM..".
	tr -d '\r' <"$tmp/raw" | sed -n '/Booting from ROM\.\./,$p' | sed '1s/.*Booting from ROM\.\.//; /^$/d' >"$tmp/got"
	judge "$name" "$want_status" "$status" "$want"
}

# judge NAME WANT_STATUS STATUS EXPECTED_LINES: compares $tmp/got and the status, counts and reports.
judge() {
	local name=$1 want_status=$2 status=$3 want=$4
	local ok=1 line
	while IFS= read -r line; do
		[ -z "$line" ] || grep -qxF -- "$line" "$tmp/got" || { echo "  missing: $line"; ok=0; }
	done <<<"$want"
	grep -q '^FAIL' "$tmp/got" && ok=0
	[ "$status" = "$want_status" ] || { echo "  status $status, want $want_status"; ok=0; }
	if [ $ok = 1 ]; then
		echo "PASS $name"
		passed=$((passed + 1))
	else
		echo "FAIL $name"
		failed=$((failed + 1))
	fi
	sed 's/^/  | /' "$tmp/got"
}

sum32() { od -An -v -tu1 "$1" | awk '{ for (i = 1; i <= NF; i++) s += $i } END { printf "0x%08x", s % 4294967296 }'; }

printf 'hello module\n' >"$tmp/m1"
head -c 100000 /dev/urandom >"$tmp/m2"
printf 'initrd-data-123' >"$tmp/rd"

check hello 7 "hello from nido guest" -kernel "$out/hello.elf" -append "code=3" </dev/null
check hello-default 1 "hello from nido guest" -kernel "$out/hello.elf" </dev/null
check mbinfo 1 "cmdline=$out/mbinfo.elf a=1 b=two
mem_lower=639 mem_upper=129920
mmap base=0x100000 len=0x7ee0000 type=1
mods=2
mod 0 len=13 string=$tmp/m1 arg sum=$(sum32 "$tmp/m1")
mod 1 len=100000 string=$tmp/m2 sum=$(sum32 "$tmp/m2")" \
	-m 128 -kernel "$out/mbinfo.elf" -append "a=1 b=two" -initrd "$tmp/m1 arg,$tmp/m2" </dev/null
# Input arrives after the guest has booted; a pipe would run check in a subshell, losing the count.
check echo 1 "ready
got: abc
got: def
got: 
got: xyz
got: quit
bye" -kernel "$out/echo.elf" < <(sleep 2; printf 'abc\ndef\r\n\r\nxyz\rquit\n')
check pit 1 "pit ticks=20" -kernel "$out/pit.elf" </dev/null
check lapic 1 "lapic ticks=10" -kernel "$out/lapic.elf" </dev/null
check cpuid 1 "vendor=AuthenticAMD
hypervisor=1
hv_vendor=TCGTCGTCGTCG
apic_id=0
lm=1
msr_apic_base=0xfee00900" -kernel "$out/cpuid.elf" </dev/null
check smp-1 1 "mp cpus=1
smp started=1" -kernel "$out/smp.elf" </dev/null
# SeaBIOS lists one CPU per package in its MP table, so give QEMU one socket per CPU.
check smp-4 1 "mp cpus=4
smp started=4" -smp 4,sockets=4 -kernel "$out/smp.elf" </dev/null
check triple 0 "triple fault next" -kernel "$out/triple.elf" </dev/null
check portloop 1 "portloop start n=1000 port=0x510
portloop done n=1000" -kernel "$out/portloop.elf" -append "n=1000" </dev/null
# QEMU runs linuxboot's real-mode setup stub, which enters the 64-bit payload as a 64-bit loader would.
check linuxboot 1 "cmdline=console=ttyS0 foo=bar
e820 entries=7
e820 base=0x100000 len=0x7ee0000 type=1
initrd len=15 sum=$(sum32 "$tmp/rd")
loader=0xb0" -m 128 -kernel "$out/linuxboot.bin" -append "console=ttyS0 foo=bar" -initrd "$tmp/rd" </dev/null
check linuxboot-noinitrd 1 "cmdline=
initrd none" -kernel "$out/linuxboot.bin" </dev/null

# The virtio guests need virtio-mmio, which QEMU has on x86 only in the microvm machine: 24
# transports at 0xfeb00000, 0x200 apart, filled from the last one; modern (version 2) only with
# force-legacy=false. qboot prints nothing, so all serial output is the guest's.
# check_virtio NAME STATUS EXPECTED_LINES GUEST APPEND QEMU_ARGS...
check_virtio() {
	local name=$1 want_status=$2 want=$3 guest=$4 append=$5
	shift 5
	timeout 120 qemu-system-x86_64 -accel tcg -M microvm,x-option-roms=off,rtc=on,isa-serial=on,pic=on,pit=on \
		-nographic -no-reboot -serial stdio -monitor none -display none -global virtio-mmio.force-legacy=false \
		-device isa-debug-exit,iobase=0xf4,iosize=4 -kernel "$out/$guest.elf" \
		-append "virtio_base=0xfeb00000 virtio_slots=24 $append" "$@" 2>"$tmp/qemu.err" | tr -d '\r' | sed '/^$/d' >"$tmp/got"
	judge "$name" "$want_status" "${PIPESTATUS[0]}" "$want"
}

# 1 MiB disk: random, with a text head; sector sums as the guest computes them.
head -c 1048576 /dev/urandom >"$tmp/disk"
printf 'NIDO-DISK-HEAD\0\1' | dd of="$tmp/disk" conv=notrunc status=none
dd if="$tmp/disk" of="$tmp/s0" bs=512 count=1 status=none
dd if="$tmp/disk" of="$tmp/slast" bs=512 skip=2047 count=1 status=none
blk() { echo "-drive file=$tmp/disk,if=none,id=d0,format=raw${1-} -device virtio-blk-device,drive=d0${2-}"; }
blkhead="blk capacity=2048
blk ro=0
blk flush=1"
# shellcheck disable=SC2046 # blk's words are separate arguments
{
check_virtio vblk-read 1 "$blkhead
blk sector0 sum=$(sum32 "$tmp/s0")
blk head=NIDO-DISK-HEAD
blk last sum=$(sum32 "$tmp/slast")
blk beyond status=1" vblk "" $(blk) </dev/null
check_virtio vblk-write 1 "$blkhead
blk flush status=0
blk write ok
blk multi ok" vblk "mode=write" $(blk) </dev/null
check_virtio vblk-write-noflush 1 "blk flush=0
blk write ok
blk multi ok" vblk "mode=write" $(blk ,cache=writethrough ,config-wce=off) </dev/null
check_virtio vblk-ro 1 "blk ro=1
blk write status=1" vblk "mode=ro" $(blk ,readonly=on) </dev/null
check_virtio vblk-indirect 1 "blk indirect sum=$(sum32 "$tmp/s0")" vblk "mode=indirect" $(blk) </dev/null
check_virtio vblk-indirect-off 1 "blk indirect unsupported" vblk "mode=indirect" $(blk "" ,indirect_desc=off) </dev/null
check_virtio vblk-getid 1 "blk id=abcdefghijklmnopqrst" vblk "mode=getid" $(blk "" ,serial=abcdefghijklmnopqrstuvwxyz) </dev/null
}
check_virtio vrng 1 "rng len=64
rng ok" vrng "" -device virtio-blk-device,drive=d0 -drive file="$tmp/disk",if=none,id=d0,format=raw \
	-device virtio-rng-device </dev/null
check_virtio vnet-txonly 1 "net mac=52:54:00:12:34:56
net sent" vnet "mode=txonly" -netdev user,id=n0 -device virtio-net-device,netdev=n0 </dev/null

# vnet and vconsole need a peer on the host side; python3 plays it.
if command -v python3 >/dev/null; then
	port=$((20000 + $$ % 20000))
	# Answers the guest's frame (over QEMU's UDP socket netdev) with an IPv4 frame the guest must skip,
	# then a 0x88b5 frame with a non-printable byte after the text.
	python3 - "$port" >"$tmp/peer" 2>&1 <<'PY' &
import socket, sys
p = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.1', p))
s.settimeout(60)
d, _ = s.recvfrom(2000)
print(len(d), d[:14].hex(), d[14:30].decode())
me = b'\x02\x00\x00\x00\x00\x09'
s.sendto(b'\xff' * 6 + me + b'\x08\x00' + bytes(46), ('127.0.0.1', p + 1))
s.sendto(d[6:12] + me + b'\x88\xb5' + b'reply-from-host\x01'.ljust(46, b'\0'), ('127.0.0.1', p + 1))
PY
	sleep 0.5
	check_virtio vnet 1 "net mac=52:54:00:aa:bb:cc
net sent
net received len=60 payload=reply-from-host" vnet "" \
		-netdev socket,id=n0,udp=127.0.0.1:$port,localaddr=127.0.0.1:$((port + 1)) \
		-device virtio-net-device,netdev=n0,mac=52:54:00:aa:bb:cc </dev/null
	wait
	grep -qx '60 ffffffffffff525400aabbcc88b5 nido-guest-frame' "$tmp/peer" || { echo "  host saw: $(cat "$tmp/peer")"; failed=$((failed + 1)); }

	# virtio-console is QEMU's virtio-serial with a virtconsole on port 0 (max_ports=1: no MULTIPORT).
	# QEMU waits for the client before starting, so the guest's line is not dropped.
	python3 - "$tmp/con" >"$tmp/peer" 2>&1 <<'PY' &
import socket, sys, time
for _ in range(100):
    try:
        s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); break
    except OSError: time.sleep(0.1)
s.settimeout(60)
got = b''
while not got.endswith(b'\n'):
    got += s.recv(100)
print(got)
s.sendall(b'typed li'); time.sleep(0.5); s.sendall(b'ne 42\r\nextra')
time.sleep(2)
PY
	check_virtio vconsole 1 "vcon sent
vcon got: typed line 42" vconsole "" -device virtio-serial-device,max_ports=1 \
		-chardev socket,id=c0,path="$tmp/con",server=on,wait=on -device virtconsole,chardev=c0 </dev/null
	wait
	grep -qxF "b'hello from virtio-console\n'" "$tmp/peer" || { echo "  host saw: $(cat "$tmp/peer")"; failed=$((failed + 1)); }
else
	echo "SKIP vnet, vconsole: no python3 for the host side"
fi

echo "$passed passed, $failed failed"
[ $failed = 0 ]
