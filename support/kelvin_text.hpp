#pragma once
/// A temperature as messages and file headers print it: "300 K", "272.5 K"
/// (not std::to_string's "300.000000").
#include <cstdio>
#include <string>

namespace betarelax {

inline std::string kelvin_text(double t) {
  char text[32];
  std::snprintf(text, sizeof text, "%g K", t);
  return text;
}

}  // namespace betarelax
