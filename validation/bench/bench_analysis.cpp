// The analysis of 10^4 ΔF samples (six temperatures): spectra, log-normal
// fits, Eqs. 4-6 and the bootstrap fits of ΔQ and ΔS (2000 resamples) —
// what `betarelax analyze` does on a paper-size campaign and more.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>

#include "validation/analysis.hpp"

static void BM_Analyze10kSamples(benchmark::State& state) {
  betarelax::validation::Spectra spectra;
  const double temps[6] = {200, 250, 300, 350, 400, 450};
  std::mt19937_64 draw(7);
  std::normal_distribution<double> gaussian;
  for (int t = 0; t < 6; ++t)
    for (int i = 0; i < 10000 / 6; ++i) {
      const double z = gaussian(draw);
      spectra[temps[t]].push_back(std::exp(std::log(1.36 - temps[t] * 14.8 * 8.617e-5) + 0.2 * z));
    }
  for (auto _ : state) benchmark::DoNotOptimize(betarelax::validation::analyze_spectra(spectra));
  state.counters["samples/s"] = benchmark::Counter(10000.0 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Analyze10kSamples)->Unit(benchmark::kMillisecond)->UseRealTime();
