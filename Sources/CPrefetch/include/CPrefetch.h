// The processor's prefetch hint, which Swift has no spelling for.
#ifndef CARTABLE_CPREFETCH_H
#define CARTABLE_CPREFETCH_H

/// Asks the processor to start loading the cache line at `address` for a read soon. A hint only: it never faults and
/// changes no value, so any address will do.
static inline void cartable_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
