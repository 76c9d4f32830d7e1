#pragma once
// Two campaign folders compared as the campaign tests need: rows keyed by
// id without the wall time, and every sample's files bit for bit.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "experiments/metadynamics/samples_file.hpp"
#include "experiments/tests/test_process.hpp"
#include "support/sample_folder.hpp"

namespace betarelax::test {

using experiments::SampleRow;

using betarelax::sample_folder;

/// Rows keyed by id, without the wall time (the one column that legitimately differs).
inline std::map<std::string, SampleRow> rows_by_id(const std::filesystem::path& csv) {
  std::map<std::string, SampleRow> out;
  for (SampleRow r : experiments::read_samples_file(csv.string())) {
    r.erase("wall_s");
    EXPECT_TRUE(out.emplace(r.at("id"), r).second) << "sample " << r.at("id") << " appears twice in " << csv;
  }
  return out;
}

/// Every row and every sample's bias, hills and CV trace equal, bit for bit.
inline void expect_same_campaign(const std::filesystem::path& a, const std::filesystem::path& b) {
  const auto ra = rows_by_id(a / "samples.csv"), rb = rows_by_id(b / "samples.csv");
  ASSERT_EQ(ra.size(), rb.size());
  for (const auto& [id, row] : ra) {
    ASSERT_TRUE(rb.count(id)) << "sample " << id << " missing in " << b;
    EXPECT_EQ(row, rb.at(id)) << "sample " << id;
    const std::string folder = sample_folder(std::stol(id));
    for (const char* f : {"fes.csv", "HILLS", "cv.csv"}) {
      EXPECT_EQ(text_of(a / "samples" / folder / f), text_of(b / "samples" / folder / f)) << "sample " << id << ": " << f;
    }
  }
}

}  // namespace betarelax::test
