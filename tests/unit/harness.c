/* SPDX-License-Identifier: GPL-2.0-only */
/* The host unit-test harness (see harness.h). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include <xenolith/types.h>

static struct harness_case *cases, **cases_tail = &cases;
static bool current_failed;
static const char *current_name;
static const char *suite_name;

char harness_log[65536];
static size_t harness_log_len;
jmp_buf *harness_panic_jump;
char harness_panic_message[512];
unsigned char *harness_ram;

void harness_register(struct harness_case *c)
{
    *cases_tail = c;
    cases_tail = &c->next;
}

void harness_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    if ( current_failed )
        return;                       /* Report the first failure only. */
    current_failed = true;
    printf("FAIL unit/%s/%s: %s:%d: ", suite_name, current_name, file, line);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

void harness_log_clear(void)
{
    harness_log_len = 0;
    harness_log[0] = '\0';
}

bool harness_log_contains(const char *needle)
{
    return strstr(harness_log, needle) != NULL;
}

/* What hypervisor code links against. */
void vprintk(const char *fmt, va_list ap);
void printk(const char *fmt, ...);
void panic(const char *fmt, ...);
void *maddr_to_virt(paddr_t ma);
paddr_t virt_to_maddr(const void *va);

void vprintk(const char *fmt, va_list ap)
{
    size_t room = sizeof(harness_log) - harness_log_len;
    int n;

    /* A level prefix (XENLOG_*) is the console's, not the text. */
    if ( fmt[0] == '<' && fmt[1] >= '0' && fmt[1] <= '3' && fmt[2] == '>' )
        fmt += 3;
    n = vsnprintf(harness_log + harness_log_len, room, fmt, ap);

    if ( n > 0 )
        harness_log_len += (size_t)n < room ? (size_t)n : room - 1;
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void panic(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(harness_panic_message, sizeof(harness_panic_message), fmt, ap);
    va_end(ap);
    if ( harness_panic_jump )
        longjmp(*harness_panic_jump, 1);
    harness_fail(__FILE__, __LINE__, "unexpected panic: %s",
                 harness_panic_message);
    exit(1);
}

void *maddr_to_virt(paddr_t ma)
{
    if ( ma >= HARNESS_RAM_SIZE )
        harness_fail(__FILE__, __LINE__, "maddr_to_virt(%#lx) out of fake RAM",
                     (unsigned long)ma);
    return harness_ram + ma;
}

paddr_t virt_to_maddr(const void *va)
{
    return (paddr_t)((const unsigned char *)va - harness_ram);
}

int main(int argc, char **argv)
{
    struct harness_case *c;
    int passed = 0, failed = 0;
    const char *slash = strrchr(argv[0], '/');

    (void)argc;
    suite_name = slash ? slash + 1 : argv[0];
    if ( !strncmp(suite_name, "test_", 5) )
        suite_name += 5;
    harness_ram = aligned_alloc(4096, HARNESS_RAM_SIZE);
    if ( !harness_ram )
        return 2;
    for ( c = cases; c; c = c->next )
    {
        current_name = c->name;
        current_failed = false;
        harness_log_clear();
        c->fn();
        if ( current_failed )
            failed++;
        else
        {
            passed++;
            printf("PASS unit/%s/%s\n", suite_name, c->name);
        }
    }
    free(harness_ram);
    return failed ? 1 : 0;
}
