#!/usr/bin/env python3
"""Writes the F/D test programs rv64f.S, rv64d.S, fcvt.S and fround.S (into this directory, or the
directory given as the only argument) with expected results from the exact reference below.

Developer tool: build.sh does not run it; the generated .S files are kept in the repository. The
reference computes with exact rationals (no host FPU) and implements the RISC-V choices: canonical
NaN results, tininess detected after rounding, fmin/fmax returning the non-NaN operand, fcvt to
integers saturating. It was checked against the host's x86 SSE/FMA (200,000 random add/sub/mul/
div/sqrt/fma cases in the four IEEE modes) and every generated case passes under QEMU 7.2.
"""
import math
import os
import sys
from fractions import Fraction as Q

NX, UF, OF, DZ, NV = 1, 2, 4, 8, 16
RNE, RTZ, RDN, RUP, RMM = 0, 1, 2, 3, 4


class Fmt:
    def __init__(self, ebits, mbits):
        self.e, self.m = ebits, mbits
        self.bias = (1 << (ebits - 1)) - 1
        self.emin = 1 - self.bias
        self.emax = self.bias
        self.width = 1 + ebits + mbits
        self.cnan = ((1 << ebits) - 1) << mbits | 1 << (mbits - 1)
        self.maxfinite = Q((1 << (mbits + 1)) - 1) * Q(2) ** (self.emax - mbits)

    def inf(self, s):
        return s << (self.width - 1) | ((1 << self.e) - 1) << self.m

    def zero(self, s):
        return s << (self.width - 1)


S = Fmt(8, 23)
D = Fmt(11, 52)


def decode(f, x):
    """('nan', signaling, sign) | ('inf', sign) | ('num', sign, value) (value 0 for zeros)."""
    s = x >> (f.width - 1) & 1
    ex = x >> f.m & ((1 << f.e) - 1)
    mant = x & ((1 << f.m) - 1)
    if ex == (1 << f.e) - 1:
        if mant:
            return ('nan', not (mant >> (f.m - 1)) & 1, s)
        return ('inf', s)
    if ex == 0:
        v = Q(mant) * Q(2) ** (f.emin - f.m)
    else:
        v = Q(mant | 1 << f.m) * Q(2) ** (ex - f.bias - f.m)
    return ('num', s, v)


def log2floor(a):
    """floor(log2(a)) for a positive rational."""
    e = a.numerator.bit_length() - a.denominator.bit_length()
    if Q(2) ** e > a:
        e -= 1
    if Q(2) ** (e + 1) <= a:
        e += 1
    return e


def round_int(q, sign, rm):
    """Rounds the non-negative rational q to an integer (magnitude) in mode rm for a value of sign."""
    n = q.numerator // q.denominator
    r = q - n
    if r == 0:
        return n, False
    if rm == RNE:
        up = r > Q(1, 2) or (r == Q(1, 2) and n & 1)
    elif rm == RTZ:
        up = False
    elif rm == RDN:
        up = sign == 1
    elif rm == RUP:
        up = sign == 0
    elif rm == RMM:
        up = r >= Q(1, 2)
    else:
        raise ValueError(rm)
    return n + up, True


def encode(f, s, mag):
    if mag == 0:
        return f.zero(s)
    e = log2floor(mag)
    if e < f.emin:
        mant = mag / Q(2) ** (f.emin - f.m)
        assert mant.denominator == 1
        return s << (f.width - 1) | int(mant)
    mant = mag / Q(2) ** (e - f.m)
    assert mant.denominator == 1 and (1 << f.m) <= mant < (2 << f.m)
    return s << (f.width - 1) | (e + f.bias) << f.m | (int(mant) - (1 << f.m))


def round_value(f, s, a, rm):
    """Rounds sign s, magnitude a (> 0 rational) to format f: (bits, flags)."""
    assert a > 0
    e = log2floor(a)
    # unbounded-exponent rounding: tininess after rounding and overflow
    q_unb = Q(2) ** (e - f.m)
    n_unb, _ = round_int(a / q_unb, s, rm)
    mag_unb = n_unb * q_unb
    if mag_unb > f.maxfinite:
        flags = OF | NX
        if rm == RNE or rm == RMM or (rm == RUP and s == 0) or (rm == RDN and s == 1):
            return f.inf(s), flags
        return encode(f, s, f.maxfinite), flags
    tiny = mag_unb < Q(2) ** f.emin
    quantum = Q(2) ** (max(e, f.emin) - f.m)
    n, inexact = round_int(a / quantum, s, rm)
    flags = NX if inexact else 0
    if tiny and inexact:
        flags |= UF
    return encode(f, s, n * quantum), flags


def result(f, v, rm, exact_zero_sign=None):
    """v: exact rational result; zero results take exact_zero_sign (or the RDN rule)."""
    if v == 0:
        if exact_zero_sign is None:
            exact_zero_sign = 1 if rm == RDN else 0
        return f.zero(exact_zero_sign), 0
    return round_value(f, 1 if v < 0 else 0, abs(v), rm)


def nan_flags(*ds):
    return NV if any(d[0] == 'nan' and d[1] for d in ds) else 0


def val(d):
    return -d[2] if d[1] else d[2]


def add(f, x, y, rm, negate_y=False):
    a, b = decode(f, x), decode(f, y)
    if negate_y and b[0] != 'nan':
        b = (b[0], 1 - b[1]) + b[2:]
    if a[0] == 'nan' or b[0] == 'nan':
        return f.cnan, nan_flags(a, b)
    if a[0] == 'inf' or b[0] == 'inf':
        if a[0] == 'inf' and b[0] == 'inf' and a[1] != b[1]:
            return f.cnan, NV
        return f.inf(a[1] if a[0] == 'inf' else b[1]), 0
    va, vb = val(a), val(b)
    zs = None
    if va + vb == 0:
        if va == 0 and vb == 0 and a[1] == b[1]:
            zs = a[1]
    return result(f, va + vb, rm, zs)


def sub(f, x, y, rm):
    return add(f, x, y, rm, negate_y=True)


def mul(f, x, y, rm):
    a, b = decode(f, x), decode(f, y)
    if a[0] == 'nan' or b[0] == 'nan':
        return f.cnan, nan_flags(a, b)
    s = a[1] ^ b[1]
    if a[0] == 'inf' or b[0] == 'inf':
        if (a[0] == 'num' and a[2] == 0) or (b[0] == 'num' and b[2] == 0):
            return f.cnan, NV
        return f.inf(s), 0
    v = val(a) * val(b)
    return result(f, v, rm, s if v == 0 else None)


def div(f, x, y, rm):
    a, b = decode(f, x), decode(f, y)
    if a[0] == 'nan' or b[0] == 'nan':
        return f.cnan, nan_flags(a, b)
    s = a[1] ^ b[1]
    if a[0] == 'inf':
        if b[0] == 'inf':
            return f.cnan, NV
        return f.inf(s), 0
    if b[0] == 'inf':
        return f.zero(s), 0
    if b[2] == 0:
        if a[2] == 0:
            return f.cnan, NV
        return f.inf(s), DZ
    v = val(a) / val(b)
    return result(f, v, rm, s if v == 0 else None)


def sqrt(f, x, rm):
    a = decode(f, x)
    if a[0] == 'nan':
        return f.cnan, nan_flags(a)
    if a[0] == 'inf':
        return (f.cnan, NV) if a[1] else (f.inf(0), 0)
    if a[2] == 0:
        return f.zero(a[1]), 0
    if a[1]:
        return f.cnan, NV
    v = a[2]
    k = 1200
    scaled = v * Q(4) ** k
    r = math.isqrt(scaled.numerator // scaled.denominator)
    approx = Q(r, 2 ** k)
    if approx * approx != v:
        approx += Q(1, 2 ** (k + 1))   # sticky: the true root lies strictly inside (r, r + 1) / 2^k
    return round_value(f, 0, approx, rm)


def fma(f, x, y, z, rm, neg_prod=False, neg_add=False):
    a, b, c = decode(f, x), decode(f, y), decode(f, z)
    inf_times_zero = (a[0] == 'inf' and b[0] == 'num' and b[2] == 0) or (b[0] == 'inf' and a[0] == 'num' and a[2] == 0)
    if inf_times_zero:
        return f.cnan, NV
    if a[0] == 'nan' or b[0] == 'nan' or c[0] == 'nan':
        return f.cnan, nan_flags(a, b, c)
    ps = a[1] ^ b[1] ^ neg_prod
    cs = c[1] ^ neg_add
    if a[0] == 'inf' or b[0] == 'inf':
        if c[0] == 'inf' and cs != ps:
            return f.cnan, NV
        return f.inf(ps), 0
    if c[0] == 'inf':
        return f.inf(cs), 0
    p = val(a) * val(b)
    if neg_prod:
        p = -p
    vc = -val(c) if neg_add else val(c)
    v = p + vc
    zs = None
    if v == 0 and p == 0 and vc == 0 and ps == cs:
        zs = ps
    return result(f, v, rm, zs)


def minmax(f, x, y, want_max):
    a, b = decode(f, x), decode(f, y)
    flags = nan_flags(a, b)
    if a[0] == 'nan' and b[0] == 'nan':
        return f.cnan, flags
    if a[0] == 'nan':
        return y, flags
    if b[0] == 'nan':
        return x, flags

    def key(d):
        if d[0] == 'inf':
            return (Q(-1) if d[1] else Q(1)) * Q(2) ** 100000, 0
        return val(d), -1 if d[1] else 1  # -0 below +0
    ka, kb = key(a), key(b)
    if want_max:
        return (x if ka >= kb else y), flags
    return (x if ka <= kb else y), flags


def compare(f, x, y, op):
    a, b = decode(f, x), decode(f, y)
    if a[0] == 'nan' or b[0] == 'nan':
        if op == 'eq':
            return 0, nan_flags(a, b)
        return 0, NV

    def v(d):
        if d[0] == 'inf':
            return (Q(-1) if d[1] else Q(1)) * Q(2) ** 100000
        return val(d)
    va, vb = v(a), v(b)
    return int({'eq': va == vb, 'lt': va < vb, 'le': va <= vb}[op]), 0


def fclass(f, x):
    d = decode(f, x)
    if d[0] == 'nan':
        return 1 << 8 if d[1] else 1 << 9
    if d[0] == 'inf':
        return 1 << 0 if d[1] else 1 << 7
    s = d[1]
    if d[2] == 0:
        return 1 << 3 if s else 1 << 4
    sub = d[2] < Q(2) ** f.emin
    if s:
        return 1 << 2 if sub else 1 << 1
    return 1 << 5 if sub else 1 << 6


def to_int(f, x, rm, bits, signed):
    """fcvt.{w,wu,l,lu}: (integer result as unsigned 'bits'-wide pattern, flags)."""
    lo = -(1 << (bits - 1)) if signed else 0
    hi = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
    mask = (1 << bits) - 1
    d = decode(f, x)
    if d[0] == 'nan':
        return hi & mask, NV
    if d[0] == 'inf':
        return (lo if d[1] else hi) & mask, NV
    v = val(d)
    if v == 0:
        return 0, 0
    n, inexact = round_int(abs(v), d[1], rm)
    r = -n if d[1] else n
    if r < lo:
        return lo & mask, NV
    if r > hi:
        return hi & mask, NV
    return r & mask, NX if inexact else 0


def from_int(f, n, rm):
    if n == 0:
        return f.zero(0), 0
    return round_value(f, 1 if n < 0 else 0, Q(abs(n)), rm)


def convert(src, dst, x, rm):
    d = decode(src, x)
    if d[0] == 'nan':
        return dst.cnan, nan_flags(d)
    if d[0] == 'inf':
        return dst.inf(d[1]), 0
    if d[2] == 0:
        return dst.zero(d[1]), 0
    return round_value(dst, d[1], d[2], rm)


def bits_of(f, v):
    """Encodes an exactly representable rational (or ±0.0 via str '-0')."""
    if v == '-0':
        return f.zero(1)
    v = Q(v)
    if v == 0:
        return f.zero(0)
    return encode(f, 1 if v < 0 else 0, abs(v))

# ---------------------------------------------------------------------------------------------
# Generator: case lists -> .S programs
RM = {'rne': RNE, 'rtz': RTZ, 'rdn': RDN, 'rup': RUP, 'rmm': RMM}
FLAGNAMES = [(NV, 'NV'), (DZ, 'DZ'), (OF, 'OF'), (UF, 'UF'), (NX, 'NX')]


def fmt_of(ch):
    return S if ch == 'S' else D


class Bits:
    def __init__(self, b):
        self.b = b

    def __repr__(self):
        return hex(self.b)


def bits(f, spec):
    if isinstance(spec, Bits):
        return spec.b
    if isinstance(spec, str):
        named = {
            'inf': f.inf(0), '-inf': f.inf(1), 'qnan': f.cnan, '-qnan': f.cnan | 1 << (f.width - 1),
            'snan': f.inf(0) | 1, '-snan': f.inf(1) | 0x55, 'qnanp': f.cnan | 0x123, '-0': f.zero(1),
        }
        if spec in named:
            return named[spec]
        ns = {'u': Q(2) ** -f.m, 'minn': Q(2) ** f.emin, 'mins': Q(2) ** (f.emin - f.m), 'max': f.maxfinite, 'Q': Q,
              'near': lambda v: ('near', Q(v))}
        v = eval(spec, ns)
        if isinstance(v, tuple):   # near(x): x rounded to the format (nearest, ties to even)
            return round_value(f, 1 if v[1] < 0 else 0, abs(v[1]), RNE)[0]
        return bits_of(f, Q(v))
    return bits_of(f, Q(spec))


def pretty(f, b):
    d = decode(f, b)
    if d[0] == 'nan':
        return ('-' if d[2] else '') + ('sNaN' if d[1] else 'qNaN') + ('' if b == f.cnan else '(%#x)' % b)
    if d[0] == 'inf':
        return '-inf' if d[1] else 'inf'
    if d[2] == 0:
        return '-0' if d[1] else '0'
    v = float(d[2]) if d[2] > Q(2) ** -1000 else None
    s = repr(v) if v is not None else '%s' % d[2]
    return ('-' if d[1] else '') + s


def flagstr(fl):
    if not fl:
        return '0'
    return '|'.join(n for v, n in FLAGNAMES if fl & v)


def sext(x, w):
    x &= (1 << w) - 1
    return x - (1 << w) if x >> (w - 1) else x


def u64(x):
    return x & ((1 << 64) - 1)


def sgnj(f, a, b, kind):
    sb = 1 << (f.width - 1)
    if kind == 'j':
        s = b & sb
    elif kind == 'n':
        s = (b & sb) ^ sb
    else:
        s = (a ^ b) & sb
    return (a & ~sb) | s


def compute(op, rm, args):
    """Returns (result, flags, kind) for an op name like 'fadd.s'."""
    parts = op.split('.')
    r = RM.get(rm, RNE)
    if parts[0] == 'fcvt':
        dst, src = parts[1], parts[2]
        if dst in ('w', 'wu', 'l', 'lu'):
            f = fmt_of(src.upper())
            width = 32 if dst[0] == 'w' else 64
            v, flg = to_int(f, args[0], r, width, not dst.endswith('u'))
            return u64(sext(v, width)) if width == 32 else v, flg
        if src in ('w', 'wu', 'l', 'lu'):
            f = fmt_of(dst.upper())
            x = args[0]
            if src == 'w':
                n = sext(x, 32)
            elif src == 'wu':
                n = x & 0xffffffff
            elif src == 'l':
                n = sext(x, 64)
            else:
                n = x & ((1 << 64) - 1)
            return from_int(f, n, r)
        return convert(fmt_of(src.upper()), fmt_of(dst.upper()), args[0], r)
    f = fmt_of(parts[-1].upper())
    name = parts[0] if len(parts) == 2 else '.'.join(parts[:-1])
    a = args
    if name == 'fadd':
        return add(f, a[0], a[1], r)
    if name == 'fsub':
        return sub(f, a[0], a[1], r)
    if name == 'fmul':
        return mul(f, a[0], a[1], r)
    if name == 'fdiv':
        return div(f, a[0], a[1], r)
    if name == 'fsqrt':
        return sqrt(f, a[0], r)
    if name == 'fmadd':
        return fma(f, a[0], a[1], a[2], r)
    if name == 'fmsub':
        return fma(f, a[0], a[1], a[2], r, neg_add=True)
    if name == 'fnmsub':
        return fma(f, a[0], a[1], a[2], r, neg_prod=True)
    if name == 'fnmadd':
        return fma(f, a[0], a[1], a[2], r, neg_prod=True, neg_add=True)
    if name in ('fmin', 'fmax'):
        return minmax(f, a[0], a[1], name == 'fmax')
    if name in ('fsgnj', 'fsgnjn', 'fsgnjx'):
        return sgnj(f, a[0], a[1], name[-1] if name != 'fsgnj' else 'j'), 0
    if name in ('feq', 'flt', 'fle'):
        return compare(f, a[0], a[1], name[1:])
    if name == 'fclass':
        return fclass(f, a[0]), 0
    raise ValueError(op)


class Prog:
    def __init__(self, name, doc):
        self.name, self.doc = name, doc
        self.lines = []
        self.n = 0
        self.data = ''

    def raw(self, text):
        self.lines.append(text)

    def num(self):
        self.n += 1
        assert self.n < 256, self.name
        return self.n

    def fop(self, op, rm, *specs, dyn=None, note=''):
        """Float result ops (arith, sgnj, min/max)."""
        fch = op.split('.')[-1].upper()
        f = fmt_of(fch)
        a = [bits(f, s) for s in specs]
        res, fl = compute(op, rm if dyn is None else dyn, a)
        n = self.num()
        ops = ', '.join('%#x' % x for x in a)
        shown = ', '.join(str(s) for s in specs)
        cm = '%s(%s)%s = %s%s' % (op, shown, '' if not (rm or dyn) else ' ' + (rm if dyn is None else 'dyn ' + dyn), pretty(f, res), ' ' + note if note else '')
        if dyn is None:
            self.lines.append('\tFOP %d, %s, %s, %s, %#x, %s, %s\t/* %s */' % (n, op, fch, rm, res, flagstr(fl), ops, cm))
        else:
            self.lines.append('\tFOP_DYN %d, %d, %s, %s, %#x, %s, %s\t/* %s */' % (n, RM[dyn], op, fch, res, flagstr(fl), ops, cm))

    def fopx(self, op, rm, *specs, dyn=None):
        """Integer result ops: compares, fclass, fcvt to integer."""
        parts = op.split('.')
        fch = parts[-1].upper()
        f = fmt_of(fch)
        a = [bits(f, s) for s in specs]
        res, fl = compute(op, rm if dyn is None else dyn, a)
        n = self.num()
        ops = ', '.join('%#x' % x for x in a)
        shown = ', '.join(str(s) for s in specs)
        sres = sext(res, 64)
        cm = '%s(%s)%s = %s' % (op, shown, '' if not (rm or dyn) else ' ' + (rm if dyn is None else 'dyn ' + dyn), sres if parts[0] != 'fclass' else '%#x' % res)
        if dyn is None:
            self.lines.append('\tFOPX %d, %s, %s, %s, %#x, %s, %s\t/* %s */' % (n, op, fch, rm, res, flagstr(fl), ops, cm))
        else:
            self.lines.append('\tFOPX_DYN %d, %d, %s, %s, %#x, %s, %s\t/* %s */' % (n, RM[dyn], op, fch, res, flagstr(fl), ops, cm))

    def fopi(self, op, rm, x, dyn=None):
        """Conversions from an integer register value x (64-bit pattern)."""
        parts = op.split('.')
        fch = parts[1].upper()
        f = fmt_of(fch)
        xb = u64(x)
        res, fl = compute(op, rm if dyn is None else dyn, [xb])
        n = self.num()
        cm = '%s(%s)%s = %s' % (op, x if abs(x) < 1 << 20 else hex(xb), '' if not (rm or dyn) else ' ' + (rm if dyn is None else 'dyn ' + dyn), pretty(f, res))
        if dyn is None:
            self.lines.append('\tFOPI %d, %s, %s, %s, %#x, %s, %#x\t/* %s */' % (n, op, fch, rm, res, flagstr(fl), xb, cm))
        else:
            self.lines.append('\tFOPI_DYN %d, %d, %s, %s, %#x, %s, %#x\t/* %s */' % (n, RM[dyn], op, fch, res, flagstr(fl), xb, cm))

    def fcvtf(self, op, rm, spec):
        parts = op.split('.')
        dch, sch = parts[1].upper(), parts[2].upper()
        a = bits(fmt_of(sch), spec)
        res, fl = compute(op, rm, [a])
        n = self.num()
        cm = '%s(%s)%s = %s' % (op, spec, ' ' + rm if rm else '', pretty(fmt_of(dch), res))
        self.lines.append('\tFCVTF %d, %s, %s, %s, %s, %#x, %s, %#x\t/* %s */' % (n, op, sch, dch, rm, res, flagstr(fl), a, cm))

    def case(self):
        """A hand-written case: returns its number."""
        return self.num()

    def write(self, path):
        with open(path, 'w') as out:
            out.write('/* Generated by fpgen.py from its case lists and exact reference; edit those, not this file.\n *\n')
            for l in self.doc.strip().split('\n'):
                out.write(' * %s\n' % l if l else ' *\n')
            out.write(' */\n#include "fp.h"\n\nmain:\n\tENABLE_FP\n\tfsrmi 0\n')
            out.write('\n'.join(self.lines))
            out.write('\n\n\tPASS\n')
            out.write(self.data)

# ---------------------------------------------------------------------------------------------
# The programs

def arith(P, x):
    """Arithmetic, min/max, sign injection, compares and classify for format x ('s' or 'd')."""
    X = x.upper()
    m = 23 if x == 's' else 52
    # add / sub
    P.raw('\n\t/* fadd/fsub: exact, inexact, signed zeros, infinities, NaNs, overflow, subnormals */')
    P.fop('fadd.' + x, 'rne', 2.5, 0.75)
    P.fop('fadd.' + x, 'rne', 1, '2**-%d' % (m + 7))
    P.fop('fadd.' + x, 'rne', 0, '-0')
    P.fop('fadd.' + x, 'rne', '-0', '-0')
    P.fop('fadd.' + x, 'rne', 1, -1)
    P.fop('fadd.' + x, 'rne', 'inf', 1)
    P.fop('fadd.' + x, 'rne', 'inf', '-inf')
    P.fop('fadd.' + x, 'rne', 'qnanp', 1)
    P.fop('fadd.' + x, 'rne', 1, 'snan')
    P.fop('fadd.' + x, 'rne', 'max', 'max')
    P.fop('fadd.' + x, 'rne', 'mins', 'mins')
    P.fop('fadd.' + x, 'rne', 'minn', '-mins')
    P.fop('fsub.' + x, 'rne', 3, 5)
    P.fop('fsub.' + x, 'rne', 1, 1)
    P.fop('fsub.' + x, 'rne', '-0', 0)
    P.fop('fsub.' + x, 'rne', 'inf', 'inf')
    P.fop('fsub.' + x, 'rne', '-inf', 'inf')
    P.fop('fsub.' + x, 'rne', '1+u', 1)
    P.fop('fsub.' + x, 'rne', '-max', 'max')
    P.fop('fsub.' + x, 'rne', 'qnan', 'snan')
    # mul
    P.raw('\n\t/* fmul */')
    P.fop('fmul.' + x, 'rne', 3, -2.5)
    P.fop('fmul.' + x, 'rne', '-0', 5)
    P.fop('fmul.' + x, 'rne', '-0', -3)
    P.fop('fmul.' + x, 'rne', 0, 'inf')
    P.fop('fmul.' + x, 'rne', '-inf', -2)
    P.fop('fmul.' + x, 'rne', 'max', 2)
    P.fop('fmul.' + x, 'rne', 'mins', 0.5)
    P.fop('fmul.' + x, 'rne', 'minn', 0.5)
    P.fop('fmul.' + x, 'rne', 'minn*(1+u)', 0.5)
    P.fop('fmul.' + x, 'rne', 'minn', '1-u/2')
    P.fop('fmul.' + x, 'rne', '1+u', '1+u')
    P.fop('fmul.' + x, 'rne', 'snan', 0)
    # div
    P.raw('\n\t/* fdiv */')
    P.fop('fdiv.' + x, 'rne', 6, 3)
    P.fop('fdiv.' + x, 'rne', 1, 3)
    P.fop('fdiv.' + x, 'rne', -1, 3)
    P.fop('fdiv.' + x, 'rne', 1, 0)
    P.fop('fdiv.' + x, 'rne', -1, 0)
    P.fop('fdiv.' + x, 'rne', 1, '-0')
    P.fop('fdiv.' + x, 'rne', 0, 0)
    P.fop('fdiv.' + x, 'rne', 'inf', 'inf')
    P.fop('fdiv.' + x, 'rne', 'inf', 0)
    P.fop('fdiv.' + x, 'rne', 1, '-inf')
    P.fop('fdiv.' + x, 'rne', 'max', 0.5)
    P.fop('fdiv.' + x, 'rne', 'minn', 3)
    P.fop('fdiv.' + x, 'rne', 'qnan', 0)
    # sqrt
    P.raw('\n\t/* fsqrt */')
    P.fop('fsqrt.' + x, 'rne', 4)
    P.fop('fsqrt.' + x, 'rne', 2)
    P.fop('fsqrt.' + x, 'rne', 0.25)
    P.fop('fsqrt.' + x, 'rne', -1)
    P.fop('fsqrt.' + x, 'rne', '-0')
    P.fop('fsqrt.' + x, 'rne', 'inf')
    P.fop('fsqrt.' + x, 'rne', '-inf')
    P.fop('fsqrt.' + x, 'rne', 'snan')
    P.fop('fsqrt.' + x, 'rne', 'mins')
    P.fop('fsqrt.' + x, 'rne', 'max')
    # fused
    P.raw('\n\t/* fused multiply-add: one rounding, the four sign variants, invalid cases */')
    P.fop('fmadd.' + x, 'rne', 2, 3, 1)
    P.fop('fmsub.' + x, 'rne', 2, 3, 1)
    P.fop('fnmsub.' + x, 'rne', 2, 3, 1)
    P.fop('fnmadd.' + x, 'rne', 2, 3, 1)
    P.fop('fmsub.' + x, 'rne', '1+u', '1-u', 1, note='(fused: exact -u*u)')
    P.fop('fmadd.' + x, 'rne', '1+u', '1+u', '-1-2*u')
    P.fop('fnmadd.' + x, 'rne', '1+u', '1-u', -1)
    P.fop('fmadd.' + x, 'rne', 1, 1, -1)
    P.fop('fmadd.' + x, 'rne', 0, -1, 0)
    P.fop('fnmadd.' + x, 'rne', 0, 1, 0)
    P.fop('fnmsub.' + x, 'rne', '-0', 1, '-0')
    P.fop('fmadd.' + x, 'rne', 'inf', 0, 'qnan', note='(invalid even with a quiet NaN addend)')
    P.fop('fmadd.' + x, 'rne', 'inf', 1, '-inf')
    P.fop('fmsub.' + x, 'rne', 'inf', 1, 'inf')
    P.fop('fmadd.' + x, 'rne', 1, 1, 'snan')
    P.fop('fmadd.' + x, 'rne', 'max', 2, '-max')
    P.fop('fnmsub.' + x, 'rne', 'max', 'max', 1)
    P.fop('fmadd.' + x, 'rne', 'mins', 0.5, 0)
    # min/max
    P.raw('\n\t/* fmin/fmax: -0 < +0, one NaN gives the other operand, sNaN raises NV */')
    P.fop('fmin.' + x, '', 1, 2)
    P.fop('fmax.' + x, '', 1, 2)
    P.fop('fmin.' + x, '', -1, 2)
    P.fop('fmax.' + x, '', '-inf', -5)
    P.fop('fmin.' + x, '', '-0', 0)
    P.fop('fmin.' + x, '', 0, '-0')
    P.fop('fmax.' + x, '', '-0', 0)
    P.fop('fmax.' + x, '', 0, '-0')
    P.fop('fmin.' + x, '', 'qnanp', 3)
    P.fop('fmax.' + x, '', 3, 'qnan')
    P.fop('fmin.' + x, '', 'snan', 3)
    P.fop('fmax.' + x, '', -3, 'snan')
    P.fop('fmin.' + x, '', 'qnan', 'qnanp')
    P.fop('fmax.' + x, '', 'snan', 'qnan')
    # sign injection
    P.raw('\n\t/* sign injection: bit operations, NaNs pass through unchanged */')
    P.fop('fsgnj.' + x, '', 1.5, -2)
    P.fop('fsgnj.' + x, '', -1.5, 2)
    P.fop('fsgnjn.' + x, '', 1.5, 2)
    P.fop('fsgnjn.' + x, '', 1.5, -2)
    P.fop('fsgnjx.' + x, '', -1.5, -2)
    P.fop('fsgnjx.' + x, '', -1.5, 2)
    P.fop('fsgnj.' + x, '', 'snan', -1)
    P.fop('fsgnjn.' + x, '', 'qnanp', 'qnan')
    P.fop('fsgnjx.' + x, '', '-inf', '-0')
    # compare
    P.raw('\n\t/* compares: feq is quiet (NV for sNaN only), flt/fle signal on any NaN */')
    for op, a, b in [('feq', 1, 1), ('flt', 1, 1), ('fle', 1, 1), ('feq', 1, 2), ('flt', 1, 2), ('fle', 2, 1),
                     ('feq', '-0', 0), ('flt', '-0', 0), ('fle', 0, '-0'), ('flt', '-inf', 'inf'), ('flt', -2, -1),
                     ('fle', 'mins', 0), ('feq', 'qnan', 1), ('feq', 'qnan', 'qnan'), ('feq', 1, 'snan'),
                     ('flt', 'qnan', 1), ('fle', 1, 'qnan'), ('flt', 'snan', 1)]:
        P.fopx('%s.%s' % (op, x), '', a, b)
    # classify
    P.raw('\n\t/* fclass: one bit per class */')
    for v in ['-inf', -1, '-mins', '-0', 0, 'mins', 1, 'inf', 'snan', 'qnan', 'qnanp', '-max', 'minn']:
        P.fopx('fclass.' + x, '', v)
    # flags accumulate
    c = P.case()
    P.raw('''
	/* fflags accumulate until cleared */
	CASE %d
	fsflags zero
	LOAD_%s fa0, %#x
	LOAD_%s fa1, %#x
	fdiv.%s fa2, fa0, fa1
	fdiv.%s fa2, fa0, fa0
	EXPECT_FLAGS NX
	fmv.%s.x fa3, zero
	fdiv.%s fa2, fa0, fa3
	EXPECT_FLAGS NX|DZ
	fsqrt.%s fa2, fa1
	fsub.%s fa2, fa1, fa1
	EXPECT_FLAGS NX|DZ
	fsflags zero
	EXPECT_FLAGS 0''' % (c, X, bits(fmt_of(X), 1), X, bits(fmt_of(X), 3), x, x, 'w' if x == 's' else 'd', x, x, x))


def f_transfer(P):
    P.raw('\n\t/* flw/fsw, fmv.x.w/fmv.w.x: raw transfers (NaN payloads kept, upper bits ignored) */')
    c = P.case()
    P.raw('''	CASE %d
	la s0, fp_data
	flw fa0, 0(s0)                   /* 0x7f800001: a signaling NaN, loaded unchanged, NaN-boxed */
	EXPECT_F_S fa0, 0x7f800001
	EXPECT_FLAGS 0''' % c)
    c = P.case()
    P.raw('''	CASE %d
	flw fa1, 4(s0)                   /* -1.5 */
	fsw fa1, 16(s0)
	lwu a0, 16(s0)
	EXPECT a0, 0xbfc00000
	lwu a0, 20(s0)
	EXPECT a0, 0x12345678            /* fsw writes 4 bytes only */''' % c)
    c = P.case()
    P.raw('''	CASE %d
	flw fa2, -16(s0)                 /* negative offset */
	EXPECT_F_S fa2, 0x3f800000''' % c)
    c = P.case()
    P.raw('''	CASE %d
	li t0, 0x123456783f800000
	fmv.w.x fa0, t0                  /* only the low 32 bits, NaN-boxed */
	EXPECT_F_S fa0, 0x3f800000
	fmv.x.w a0, fa0
	EXPECT a0, 0x3f800000''' % c)
    c = P.case()
    P.raw('''	CASE %d
	li t0, 0xff800001
	fmv.w.x fa0, t0
	fmv.x.w a0, fa0                  /* sign-extended, payload kept */
	EXPECT a0, 0xffffffffff800001
	EXPECT_FLAGS 0''' % c)
    P.raw('\n\t/* NaN-boxing: an S operand whose upper 32 bits are not all ones reads as the canonical NaN */')
    c = P.case()
    P.raw('''	CASE %d
	li t0, 0x000000003f800000        /* 1.0f, not boxed */
	fmv.d.x fa0, t0
	LOAD_S fa1, 0x3f800000
	fsflags zero
	fadd.s fa3, fa0, fa1
	EXPECT_F_S fa3, 0x7fc00000
	EXPECT_FLAGS 0''' % c)
    c = P.case()
    P.raw('''	CASE %d
	fclass.s a0, fa0
	EXPECT a0, 0x200                 /* quiet NaN */
	li t0, 0xfffffffe3f800000        /* one bit short of a box */
	fmv.d.x fa2, t0
	fclass.s a0, fa2
	EXPECT a0, 0x200''' % c)
    c = P.case()
    P.raw('''	CASE %d
	fsgnjn.s fa3, fa0, fa1           /* the canonical NaN with rs2's sign inverted */
	EXPECT_F_S fa3, 0xffc00000
	fsgnj.s fa3, fa1, fa0            /* rs2 not boxed: sign of the canonical NaN (+) */
	EXPECT_F_S fa3, 0x3f800000''' % c)
    c = P.case()
    P.raw('''	CASE %d
	fsflags zero
	feq.s a0, fa0, fa0
	EXPECT a0, 0
	flt.s a0, fa1, fa0
	EXPECT a0, 0
	EXPECT_FLAGS NV                  /* flt on a (quiet) NaN */''' % c)
    c = P.case()
    P.raw('''	CASE %d
	fmin.s fa3, fa0, fa1             /* a NaN operand: the other one */
	EXPECT_F_S fa3, 0x3f800000
	fcvt.d.s fa3, fa0
	EXPECT_F_D fa3, 0x7ff8000000000000
	fcvt.w.s a0, fa0, rtz
	EXPECT a0, 0x7fffffff''' % c)
    c = P.case()
    P.raw('''	CASE %d
	fmv.x.w a0, fa0                  /* transfers do not check the box: the low 32 bits */
	EXPECT a0, 0x3f800000
	fsw fa0, 24(s0)
	lwu a0, 24(s0)
	EXPECT a0, 0x3f800000''' % c)
    c = P.case()
    P.raw('''	CASE %d
	fmadd.s fa3, fa1, fa1, fa0       /* the NaN as addend */
	EXPECT_F_S fa3, 0x7fc00000
	fsqrt.s fa3, fa0
	EXPECT_F_S fa3, 0x7fc00000''' % c)


def d_transfer(P):
    P.raw('\n\t/* fld/fsd, fmv.x.d/fmv.d.x: raw 64-bit transfers */')
    c = P.case()
    P.raw('''	CASE %d
	la s0, fp_data
	fld fa0, 8(s0)                   /* 0x7ff0000000000001: signaling NaN, unchanged */
	EXPECT_F_D fa0, 0x7ff0000000000001
	fmv.x.d a0, fa0
	EXPECT a0, 0x7ff0000000000001
	EXPECT_FLAGS 0''' % c)
    c = P.case()
    P.raw('''	CASE %d
	li t0, 0xc00921fb54442d18
	fmv.d.x fa1, t0
	fsd fa1, 16(s0)
	ld a0, 16(s0)
	EXPECT a0, 0xc00921fb54442d18
	fld fa2, -8(s0)
	EXPECT_F_D fa2, 0x3ff0000000000000''' % c)
    c = P.case()
    P.raw('''	CASE %d
	LOAD_S fa0, 0x40490fdb           /* an S value in an f register is a NaN as a D value */
	fmv.x.d a0, fa0
	EXPECT a0, 0xffffffff40490fdb
	fsflags zero
	fadd.d fa3, fa0, fa0
	EXPECT_F_D fa3, 0x7ff8000000000000
	EXPECT_FLAGS 0                   /* 0xffffffff... is a quiet NaN */''' % c)


FP_DATA = '''
	.data
	.balign 16
	.word 0x3f800000
	.word 0
	.dword 0x3ff0000000000000
fp_data:
	.word 0x7f800001
	.word 0xbfc00000
	.dword 0x7ff0000000000001
	.word 0, 0x12345678
	.word 0, 0
'''


def prog_f():
    P = Prog('rv64f', '''F (single precision): fadd fsub fmul fdiv fsqrt, the four fused forms, fmin fmax, fsgnj fsgnjn
fsgnjx, feq flt fle, fclass, flw fsw, fmv.x.w fmv.w.x; exact and inexact results, signed zeros,
infinities, subnormals, overflow/underflow, canonical NaN results, NV/DZ/OF/UF/NX in fflags
(accumulating), NaN-boxing of results (checked on every case) and of operands (an unboxed
operand reads as the canonical NaN; transfers take the low 32 bits as they are).''')
    arith(P, 's')
    f_transfer(P)
    return P


def prog_d():
    P = Prog('rv64d', '''D (double precision): fadd fsub fmul fdiv fsqrt, the four fused forms, fmin fmax, fsgnj fsgnjn
fsgnjx, feq flt fle, fclass, fld fsd, fmv.x.d fmv.d.x; the same kinds of values and flags as
rv64f.S.''')
    arith(P, 'd')
    d_transfer(P)
    return P


def prog_cvt():
    P = Prog('fcvt', '''Conversions: fcvt.{w,wu,l,lu}.{s,d} (rounding, NX, saturation and NV for NaN, infinities and
out-of-range values, W results sign-extended including wu), fcvt.{s,d}.{w,wu,l,lu} (only the
low 32 bits of the register for w/wu, rounding of wide integers), fcvt.s.d (rounding, overflow,
underflow, NaNs canonical) and fcvt.d.s (exact, NaNs canonical, sNaN raises NV).''')
    for x in 'sd':
        m = 23 if x == 's' else 52
        P.raw('\n\t/* to 32-bit integers from %s */' % x)
        for v, rm in [(1.5, 'rne'), (2.5, 'rne'), (-1.5, 'rne'), (0.5, 'rne'), (-0.5, 'rne'), (-0.5, 'rtz'), ('2+3/4', 'rtz'),
                      ('-2-3/4', 'rtz'), ('-2-3/4', 'rdn'), ('2+1/4', 'rup'), ('-2-1/2', 'rmm'), ('2**31', 'rne'), ('-2**31', 'rne'),
                      ('-2**32', 'rne'), ('qnan', 'rne'), ('snan', 'rtz'), ('inf', 'rne'), ('-inf', 'rne'), ('-0', 'rne'), ('mins', 'rup'),
                      ('-mins', 'rdn')]:
            P.fopx('fcvt.w.' + x, rm, v)
        if x == 'd':
            for v, rm in [('2**31-1', 'rne'), ('2**31-1/2', 'rne'), ('2**31-1/2', 'rtz'), ('-2**31-1/2', 'rne'), ('-2**31-1/2', 'rdn'), ('-2**31-1/2', 'rtz')]:
                P.fopx('fcvt.w.' + x, rm, v)
        for v, rm in [('3+3/4', 'rtz'), ('3+1/2', 'rne'), (-1, 'rne'), ('-1/4', 'rtz'), ('-1/4', 'rne'), ('-3/4', 'rne'), ('-3/4', 'rup'), ('2**31', 'rne'),
                      ('2**32', 'rne'), ('qnan', 'rne'), ('inf', 'rne'), ('-inf', 'rne')]:
            P.fopx('fcvt.wu.' + x, rm, v)
        if x == 'd':
            for v, rm in [('2**32-1', 'rne'), ('2**32-1/2', 'rtz'), ('2**32-1/2', 'rne')]:
                P.fopx('fcvt.wu.' + x, rm, v)
        P.raw('\n\t/* to 64-bit integers from %s */' % x)
        for v, rm in [('2**40+1/2' if x == 'd' else '2**20+1/2', 'rne'), ('-2**40-3/2' if x == 'd' else '-2**20-3/2', 'rne'), ('2**62', 'rne'), ('2**63', 'rne'),
                      ('-2**63', 'rne'), ('-2**64', 'rne'), ('qnan', 'rne'), ('inf', 'rtz'), ('-inf', 'rtz'), ('-1/2', 'rmm')]:
            P.fopx('fcvt.l.' + x, rm, v)
        if x == 'd':
            for v, rm in [('2**63-2**10', 'rne'), ('-2**63-2**11', 'rne')]:
                P.fopx('fcvt.l.' + x, rm, v)
        for v, rm in [('2**63', 'rne'), ('2**64', 'rne'), ('2**64-2**40', 'rne'), (-1, 'rne'), ('-1/2', 'rtz'), ('-1/2', 'rdn'), ('qnan', 'rne'),
                      ('inf', 'rne'), ('-inf', 'rne'), ('7/2', 'rmm')]:
            P.fopx('fcvt.lu.' + x, rm, v)
    for x in 'sd':
        P.raw('\n\t/* from integers to %s */' % x)
        for v, rm in [(5, 'rne'), (-1, 'rne'), (0x1234567800000005, 'rne'), (0x00000000ffffffff, 'rne'), (2 ** 24 + 1, 'rne'), (2 ** 24 + 1, 'rup'),
                      (-(2 ** 24) - 1, 'rdn'), (-(2 ** 24) - 3, 'rmm'), (-(2 ** 31), 'rne'), (0x7fffffff, 'rtz'), (0x7fffffff, 'rne')]:
            P.fopi('fcvt.%s.w' % x, rm if x == 's' else '', v)
        for v, rm in [(0xffffffff, 'rne'), (0xffffffff, 'rtz'), (0xffffffff80000000, 'rne'), (0x7fffffff00000001, 'rne')]:
            P.fopi('fcvt.%s.wu' % x, rm if x == 's' else '', v)
        for v, rm in [(2 ** 63 - 1, 'rne'), (2 ** 63 - 1, 'rtz'), (-(2 ** 63), 'rne'), (2 ** 53 + 1, 'rne'), (2 ** 53 + 1, 'rup'), (-(2 ** 53) - 1, 'rdn'),
                      (2 ** 53 + 3, 'rne'), (-(2 ** 53) - 1, 'rmm'), (0, 'rne'), (-7, 'rne')]:
            P.fopi('fcvt.%s.l' % x, rm, v)
        for v, rm in [(2 ** 64 - 1, 'rne'), (2 ** 64 - 1, 'rtz'), (2 ** 63, 'rne'), (2 ** 53 + 1, 'rne'), (2 ** 53 + 1, 'rup')]:
            P.fopi('fcvt.%s.lu' % x, rm, v)
    P.raw('\n\t/* between formats */')
    for v, rm in [(1.5, 'rne'), ('near(Q(1,3))', 'rne'), ('near(Q(1,3))', 'rup'), ('near(-Q(1,3))', 'rtz'), ('near(-Q(1,3))', 'rdn'), ('1+2**-24', 'rne'), ('1+2**-24', 'rmm'),
                  ('1+3*2**-25', 'rne'), ('2**128', 'rne'), ('2**128', 'rtz'), ('-2**128', 'rdn'), ('-2**128', 'rup'), ('2**-150', 'rne'), ('2**-150+2**-200', 'rne'),
                  ('2**-149', 'rne'), ('2**-140+2**-160', 'rne'), ('2**-200', 'rup'), ('-2**-200', 'rtz'), ('-0', 'rne'), ('inf', 'rne'),
                  ('qnan', 'rne'), ('qnanp', 'rne'), ('snan', 'rne'), ('-qnan', 'rne')]:
        P.fcvtf('fcvt.s.d', rm, v)
    for v in [1.5, 'near(-Q(1,3))', '2**-149', '-2**-130', 'max', '-0', 'inf', 'qnan', 'qnanp', 'snan', '-snan']:
        P.fcvtf('fcvt.d.s', '', v)
    return P


def prog_round():
    P = Prog('fround', '''Rounding modes: the static rm field (rne rtz rdn rup rmm) and dynamic rounding through frm, on
values where the modes give different results (halfway cases to odd and even, just above and
below halfway, both signs) for add, sub, mul, div, sqrt, the fused forms and conversions, in both
formats; the sign of an exact zero sum (-0 only in rdn); overflow to infinity or the largest
finite value depending on the mode; the fcsr/frm/fflags CSRs and their instructions; reserved
rounding modes (static 5/6, frm 5..7 with dynamic) raising illegal instruction; FP instructions
and FP CSRs illegal with mstatus.FS = Off, and FS becoming Dirty (with SD) after FP state changes.''')
    modes = ['rne', 'rtz', 'rdn', 'rup', 'rmm']
    for x in 'sd':
        P.raw('\n\t/* %s: static rounding modes */' % x)
        # 1 + halfway (to even below), 1+u + halfway (to odd: even above), just above/below halfway
        for op, args in [('fadd', (1, 'u/2')), ('fadd', ('1+u', 'u/2')), ('fadd', (-1, '-u/2')), ('fadd', ('-1-u', '-u/2')),
                         ('fadd', (1, '3*u/4')), ('fsub', (1, 'u/4')), ('fsub', (-1, 'u/4')),
                         ('fmul', ('1+u', '1+2*u')), ('fdiv', (1, 3)), ('fdiv', (-2, 3)), ('fsqrt', (2,)),
                         ('fmadd', ('1+u', '1-u', 0)), ('fnmsub', ('1+u', '1+u', 0))]:
            for rm in modes:
                P.fop('%s.%s' % (op, x), rm, *args)
        for rm in modes:
            P.fop('fadd.' + x, rm, 1, -1)
        for rm in modes:
            P.fop('fmul.' + x, rm, 'max', -2)
        for rm in modes:
            P.fop('fmul.' + x, rm, 'mins', 0.5)
        for rm in modes:
            P.fopx('fcvt.w.' + x, rm, '-5/2')
        P.raw('\n\t/* %s: dynamic rounding through frm */' % x)
        for op, args in [('fadd', ('1+u', 'u/2')), ('fadd', (-1, '-3*u/4')), ('fdiv', (-2, 3))]:
            for rm in modes:
                P.fop('%s.%s' % (op, x), '', *args, dyn=rm)
        for rm in modes:
            P.fopx('fcvt.l.' + x, '', '7/2', dyn=rm)
        for rm in modes:
            P.fopi('fcvt.%s.l' % x, '', -(2 ** 60) - 1, dyn=rm)
    csr_cases(P)
    return P


def csr_cases(P):
    c = [P.case() for _ in range(12)]
    P.raw('''
	/* fcsr = frm << 5 | fflags; the swap forms return the old value */
	CASE %d
	li t0, 0xff
	fscsr a0, t0
	frcsr a0
	EXPECT a0, 0xff
	frrm a0
	EXPECT a0, 7
	frflags a0
	EXPECT a0, 0x1f
	CASE %d
	li t0, 0x1ff                     /* bits above 7 are not kept */
	fscsr t0
	frcsr a0
	EXPECT a0, 0xff
	li t0, 0x3e
	fsflags a0, t0
	EXPECT a0, 0x1f
	frcsr a0
	EXPECT a0, 0xfe                  /* fflags keeps 5 bits */
	CASE %d
	li t0, 2
	fsrm a0, t0
	EXPECT a0, 7
	frcsr a0
	EXPECT a0, 0x5e
	fsrmi a0, 4
	EXPECT a0, 2
	fsflagsi a0, 1
	EXPECT a0, 0x1e
	frcsr a0
	EXPECT a0, 0x81
	csrr a0, fcsr                    /* the same through csrr */
	EXPECT a0, 0x81
	csrwi frm, 1
	csrr a0, fcsr
	EXPECT a0, 0x21
	fscsr zero

	/* frm = 4 (rmm) applies to dyn but not to a static rm */
	CASE %d
	fsrmi 4
	LOAD_S fa0, 0x3f800000
	LOAD_S fa1, 0x33800000           /* 1 + 2^-24: halfway */
	fadd.s fa3, fa0, fa1
	EXPECT_F_S fa3, 0x3f800001
	fadd.s fa3, fa0, fa1, rne
	EXPECT_F_S fa3, 0x3f800000
	fsrmi 0

	/* reserved rounding modes: static 5 and 6, dynamic with frm 5, 6, 7 */
	CASE %d
	EXPECT_TRAP 2f
1:	.insn r OP_FP, 5, 0, fa3, fa0, fa1      /* fadd.s, rm = 5 */
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ILLEGAL
	EXPECT_M_EPC 1b
	CASE %d
	EXPECT_TRAP 2f
1:	.insn r OP_FP, 6, 1, fa3, fa0, fa1      /* fadd.d, rm = 6 */
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ILLEGAL
	CASE %d
	fsrmi 5
	EXPECT_TRAP 2f
	fmul.s fa3, fa0, fa1, dyn
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ILLEGAL
	fsrmi 7
	EXPECT_TRAP 2f
	fcvt.w.d a0, fa0, dyn
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ILLEGAL
	fsrmi 6
	EXPECT_TRAP 2f
	fsqrt.d fa3, fa0, dyn
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ILLEGAL
	CASE %d
	fadd.s fa3, fa0, fa1, rup        /* a static mode still works with frm invalid */
	EXPECT_F_S fa3, 0x3f800001
	fsgnjn.s fa3, fa0, fa0           /* and so does an instruction that does not round */
	EXPECT_F_S fa3, 0xbf800000
	fsrmi 0

	/* mstatus.FS = Off: FP instructions and FP CSRs are illegal */
	CASE %d
	li t0, MSTATUS_FS
	csrc mstatus, t0
	EXPECT_TRAP 2f
1:	fadd.d fa3, fa0, fa1
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ILLEGAL
	EXPECT_M_EPC 1b
	EXPECT_TRAP 2f
	frcsr a0
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ILLEGAL
	EXPECT_TRAP 2f
	fmv.x.w a0, fa0
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ILLEGAL
	la s0, fp_data
	EXPECT_TRAP 2f
	flw fa0, 0(s0)
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ILLEGAL
	EXPECT_TRAP 2f
	fsd fa0, 0(s0)
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ILLEGAL
	EXPECT_TRAP 2f
	csrr a0, fflags
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ILLEGAL
	/* FS = Initial: allowed; writing an f register or fflags makes it Dirty, and SD reads 1 */
	CASE %d
	li t0, 1 << 13
	csrs mstatus, t0
	csrr a0, mstatus
	srli a1, a0, 63
	EXPECT a1, 0
	fmv.w.x fa0, zero
	csrr a0, mstatus
	srli a1, a0, 13
	andi a1, a1, 3
	EXPECT a1, 3
	srli a1, a0, 63
	EXPECT a1, 1
	CASE %d
	fsflags zero
	li t0, MSTATUS_FS
	csrc mstatus, t0
	li t0, 1 << 13
	csrs mstatus, t0
	fsflagsi NX                      /* fflags 0 -> 1 */
	csrr a0, mstatus
	srli a1, a0, 13
	andi a1, a1, 3
	EXPECT a1, 3
	CASE %d
	li t0, MSTATUS_FS                /* FS = Dirty through sstatus too */
	csrr a0, sstatus
	and a0, a0, t0
	EXPECT a0, MSTATUS_FS''' % tuple(c))


def main(outdir):
    for P in (prog_f(), prog_d(), prog_cvt(), prog_round()):
        P.data = FP_DATA
        P.write(os.path.join(outdir, P.name + '.S'))
        print(P.name, P.n, 'cases')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
