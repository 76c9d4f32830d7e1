#pragma once
/// A campaign sample's folder under <campaign>/samples/: its id, five digits
/// (the campaign writes it, the analysis and the tests read it).
#include <cstdio>
#include <string>

namespace betarelax {

inline std::string sample_folder(long id) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%05ld", id);
  return buf;
}

}  // namespace betarelax
