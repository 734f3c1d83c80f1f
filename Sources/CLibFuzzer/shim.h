// libFuzzer's driver entry (compiler-rt, linked by -sanitize=fuzzer). ZoneScreenFuzz has its own main
// (SwiftPM links every executable's main through its module's entry point), which hands over to it.
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
// LeakSanitizer (in the ASan runtime): allocations between disable and enable are never reported.
void __lsan_disable(void);
void __lsan_enable(void);
