# Nido spawn trampoline (x86-64 Linux). Source of the bytes in SpawnTrampoline.cs;
# tests re-assemble this file and compare (regenerate with `scripts/gen-trampoline.sh`).
#
# long nido_spawn(struct plan *p)   — rdi = plan, returns the child's pid or -errno.
#
# Why machine code: after a fork-style clone the child is a copy of a managed thread. Any return into
# managed code there meets a GC poll (after SuppressGCTransition calls) or a GC-mode transition (after
# normal P/Invokes); if another thread had begun a GC suspension when we cloned, the child would wait
# forever for a GC thread it does not have. So the child runs only this code: a list of syscalls the
# parent prepared, ending in execve. It touches no stack, no libc, and no managed state.
#
# plan layout:   0 clone_args (88)   96 all-signals mask   104 saved mask   112 error fd
#              120 op count          128 report {u32 op index, u32 errno}   144 ops pointer   152 saved result
# op (64 bytes): syscall nr, 6 args, flags:
#   bit 0 ignore failure, bit 1 a zero result is a failure too, bit 2 save the result (a new fd) in the plan,
#   bit 3 the saved result replaces the first argument, bits 16-31 and 32-47: errnos that count as success.
# A failing op writes the report to the error fd (close-on-exec: EOF there means execve succeeded) and exits 127.

    .intel_syntax noprefix
    .text
    .globl nido_spawn
nido_spawn:
    push rbx
    push r12
    push r13
    push r14
    push r15
    mov rbx, rdi
    mov eax, 14                 # rt_sigprocmask(SIG_SETMASK, all, saved, 8): the child starts with every signal blocked
    mov edi, 2
    lea rsi, [rbx+96]
    lea rdx, [rbx+104]
    mov r10d, 8
    syscall
    mov eax, 435                # clone3(args, 88)
    mov rdi, rbx
    mov esi, 88
    syscall
    test rax, rax
    jz .Lchild
    mov r12, rax                # parent: restore the thread's mask, return pid or -errno
    mov eax, 14
    mov edi, 2
    lea rsi, [rbx+104]
    xor edx, edx
    mov r10d, 8
    syscall
    mov rax, r12
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbx
    ret
.Lchild:
    mov r12, [rbx+144]
    mov r13, [rbx+120]
    xor r14d, r14d
.Lloop:
    cmp r14, r13
    jae .Lzero                  # ran past the last op: execve must have been missing
    mov r15, [r12+56]
    mov rdi, [r12+8]
    test r15d, 8
    jz .Largs
    mov rdi, [rbx+152]
.Largs:
    mov rax, [r12]
    mov rsi, [r12+16]
    mov rdx, [r12+24]
    mov r10, [r12+32]
    mov r8, [r12+40]
    mov r9, [r12+48]
    syscall
    test r15d, 1
    jnz .Lnext
    cmp rax, -4095
    jae .Lfailed                # -4095..-1 as unsigned: a failure
    test r15d, 2
    jz .Lok
    test rax, rax
    jz .Lzero
.Lok:
    test r15d, 4
    jz .Lnext
    mov [rbx+152], rax
.Lnext:
    add r12, 64
    inc r14
    jmp .Lloop
.Lfailed:
    neg rax                     # errno; the op may name up to two that count as success
    mov rcx, r15
    shr rcx, 16
    and ecx, 0xffff
    cmp rax, rcx
    je .Lnext
    mov rcx, r15
    shr rcx, 32
    and ecx, 0xffff
    cmp rax, rcx
    je .Lnext
    jmp .Lreport
.Lzero:
    xor eax, eax
.Lreport:
    mov [rbx+128], r14d
    mov [rbx+132], eax
    mov eax, 1                  # write(error fd, report, 8)
    mov rdi, [rbx+112]
    lea rsi, [rbx+128]
    mov edx, 8
    syscall
.Lexit:
    mov eax, 231                # exit_group(127)
    mov edi, 127
    syscall
    jmp .Lexit
