#include "support/atomic_write.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace betarelax {

void atomic_write(const std::string& path, const std::function<void(std::ostream&)>& write, bool binary) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream os(tmp, binary ? std::ios::binary | std::ios::trunc : std::ios::trunc);
    if (!os) throw std::runtime_error(path + ": cannot open " + tmp + " for writing");
    write(os);
    os.flush();
    if (!os) {
      const std::string why = std::strerror(errno);  // ENOSPC, EFBIG, EIO, ...
      os.close();
      std::remove(tmp.c_str());
      throw std::runtime_error(path + ": write failed (" + why + "); the previous file, if any, is left as it was");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw std::runtime_error(path + ": cannot rename " + tmp + ": " + ec.message());
  }
}

}  // namespace betarelax
