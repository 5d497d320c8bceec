// The main() every benchmark program shares: libsodium must be initialised before
// the raw-primitive benchmarks call it directly.
#include <benchmark/benchmark.h>
#include <sodium.h>

int main(int argc, char** argv) {
  if (sodium_init() < 0) return 1;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
