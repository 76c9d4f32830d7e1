#pragma once
// The real `betarelax` binary run from a test, as a user runs it: its exit
// code and messages, or a child to kill; and the files it leaves.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace betarelax::test {

inline std::string text_of(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Rows of a CSV with a header line, counting complete (newline-ended) lines only.
inline size_t complete_rows(const std::filesystem::path& csv) {
  const std::string t = text_of(csv);
  size_t lines = 0;
  for (char c : t) lines += c == '\n';
  return lines > 0 ? lines - 1 : 0;
}

struct Ran {
  int code = -1;  ///< exit status, or -signal when killed
  std::string out, err;
};

/// Limits the child can be given: a file-size cap (bytes, 0: none) makes every
/// write past it fail with EFBIG, as a full disk fails it with ENOSPC.
struct ChildLimits {
  long max_file_bytes = 0;
};

/// Runs args[0] with args; stdout and stderr captured (through files: no pipe
/// to fill). With `child`, returns at once and leaves the child running.
inline Ran run_binary(const std::vector<std::string>& args, pid_t* child = nullptr, ChildLimits limits = {}) {
  static int serial = 0;
  const auto base = std::filesystem::temp_directory_path() /
                    ("betarelax_run_" + std::to_string(getpid()) + "_" + std::to_string(serial++));
  const std::string out_path = base.string() + ".out", err_path = base.string() + ".err";
  const pid_t pid = fork();
  if (pid == 0) {
    if (!std::freopen(out_path.c_str(), "w", stdout) || !std::freopen(err_path.c_str(), "w", stderr)) _exit(126);
    if (limits.max_file_bytes > 0) {
      signal(SIGXFSZ, SIG_IGN);  // the write fails with EFBIG instead of killing the process
      const rlimit cap{rlim_t(limits.max_file_bytes), rlim_t(limits.max_file_bytes)};
      setrlimit(RLIMIT_FSIZE, &cap);
    }
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  Ran r;
  if (child) {
    *child = pid;
    r.code = 0;
    return r;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  r.out = text_of(out_path);
  r.err = text_of(err_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return r;
}

/// Starts `args` and SIGKILLs it as soon as `csv` holds `rows` complete
/// rows (within five minutes). False when the child ended on its own first.
inline bool kill_after_rows(const std::vector<std::string>& args, const std::filesystem::path& csv, size_t rows) {
  pid_t pid = 0;
  run_binary(args, &pid);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  int status = 0;
  while (complete_rows(csv) < rows && std::chrono::steady_clock::now() < give_up) {
    if (waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return WIFSIGNALED(status);
}

}  // namespace betarelax::test
