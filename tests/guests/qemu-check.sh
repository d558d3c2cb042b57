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

echo "$passed passed, $failed failed"
[ $failed = 0 ]
