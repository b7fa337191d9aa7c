/* Cortex-M startup for the firmware example: vector table, reset (FPU on, .data copied, .bss
 * zeroed, stack painted for the peak-stack measurement), fault handlers that report and exit,
 * and an _sbrk that fails the run: the sheaf runtime must never allocate. */
#include <stddef.h>
#include <stdint.h>

#include "semihost.h"

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _sstack, _estack;
extern int main(void);
extern void __libc_init_array(void);

#define STACK_PAINT 0xA5A5A5A5u

void Reset_Handler(void);
void Fault_Handler(void);
void Default_Handler(void);

__attribute__((section(".isr_vector"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))(&_estack), /* initial stack pointer */
    Reset_Handler,
    Default_Handler, /* NMI */
    Fault_Handler,   /* HardFault */
    Fault_Handler,   /* MemManage */
    Fault_Handler,   /* BusFault */
    Fault_Handler,   /* UsageFault */
    0,
    0,
    0,
    0,
    Default_Handler, /* SVCall */
    Default_Handler, /* DebugMonitor */
    0,
    Default_Handler, /* PendSV */
    Default_Handler, /* SysTick */
};

static void write_hex(const char* label, uint32_t v) {
  char line[32];
  size_t n = 0;
  while (*label != '\0') {
    line[n++] = *label++;
  }
  for (int shift = 28; shift >= 0; shift -= 4) {
    line[n++] = "0123456789abcdef"[(v >> shift) & 0xF];
  }
  line[n++] = '\n';
  line[n] = '\0';
  sh_write(line);
}

void Fault_Handler(void) {
  sh_write("FAIL: fault\n");
  write_hex("CFSR=", *(volatile uint32_t*)0xE000ED28u);
  write_hex("HFSR=", *(volatile uint32_t*)0xE000ED2Cu);
  sh_exit(99);
}

void Default_Handler(void) {
  sh_write("FAIL: unexpected interrupt\n");
  sh_exit(97);
}

/* The stack lies in [_sstack, _estack). Reset paints it below the running frame; the peak is
 * where the paint stops (stack_peak_bytes). */
uint32_t stack_peak_bytes(void) {
  const uint32_t* p = &_sstack;
  while (p < &_estack && *p == STACK_PAINT) {
    ++p;
  }
  return (uint32_t)((uintptr_t)&_estack - (uintptr_t)p);
}

/* Paints the stack again below the caller's frame, so that the next stack_peak_bytes()
 * measures what runs after this call (and the frames above it). */
__attribute__((noinline)) void stack_repaint(void) {
  uint32_t* sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  for (uint32_t* p = &_sstack; p < sp - 16; ++p) { /* 64 bytes below this frame */
    *p = STACK_PAINT;
  }
}

void Reset_Handler(void) {
  /* Full access to CP10/CP11: the FPU, which -mfloat-abi=hard code may use. */
  *(volatile uint32_t*)0xE000ED88u |= 0xFu << 20;
  __asm__ volatile("dsb\n isb" ::: "memory");
  for (uint32_t *src = &_sidata, *dst = &_sdata; dst < &_edata;) {
    *dst++ = *src++;
  }
  for (uint32_t* dst = &_sbss; dst < &_ebss;) {
    *dst++ = 0;
  }
  uint32_t* sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  for (uint32_t* p = &_sstack; p < sp - 16; ++p) { /* 64 bytes below this frame */
    *p = STACK_PAINT;
  }
  __libc_init_array();
  sh_exit(main());
}

/* Any malloc (newlib's included) ends the run: the runtime promises no heap. */
void* _sbrk(ptrdiff_t increment) {
  (void)increment;
  sh_write("FAIL: heap allocation (_sbrk called)\n");
  sh_exit(98);
}

/* -nostartfiles drops crti/crtn, which define these. */
void _init(void) {}

void _fini(void) {}
