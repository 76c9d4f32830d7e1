#include <gtest/gtest.h>

#include <Kokkos_Core.hpp>
#include <cctype>

#include "core/io/build_info.hpp"

using namespace betarelax;

TEST(Provenance, BuildInfoNamesTheBackendThatRuns) {
  const BuildInfo info = build_info();
  EXPECT_EQ(info.execution_space, Kokkos::DefaultExecutionSpace::name());
  EXPECT_GE(info.concurrency, 1);
  EXPECT_EQ(info.kokkos_version.substr(0, 2), std::to_string(KOKKOS_VERSION / 10000) + ".");
  EXPECT_FALSE(info.version.empty());
  EXPECT_NE(info.build_type, "unknown");
}

TEST(Provenance, GitRevisionIsAHashOrSaysUnknown) {
  const std::string rev = git_revision();
  ASSERT_FALSE(rev.empty());
  if (rev != "unknown") {
    const std::string hash = rev.substr(0, rev.find('-'));
    EXPECT_EQ(hash.size(), 12u);
    for (char c : hash) EXPECT_TRUE(std::isxdigit(static_cast<unsigned char>(c))) << rev;
  }
}
