#include "core/io/checkpoint.hpp"

#include <cstring>
#include <fstream>
#include <sstream>

#include "support/atomic_write.hpp"
#include "support/input_error.hpp"
#include "support/sha256.hpp"

namespace betarelax {
namespace {

constexpr char kMagic[16] = "BETARELAX-CKPT1";

/// Appends or reads named raw arrays; names and sizes are checked on read.
class Payload {
 public:
  explicit Payload(std::string path) : path_(std::move(path)) {}
  Payload(std::string path, std::string bytes) : path_(std::move(path)), bytes_(std::move(bytes)) {}

  template <class T>
  void put(const std::string& name, const T* data, size_t count) {
    put_raw(name);
    const uint64_t n = count * sizeof(T);
    bytes_.append(reinterpret_cast<const char*>(&n), sizeof n);
    bytes_.append(reinterpret_cast<const char*>(data), n);
  }
  template <class T>
  void get(const std::string& name, T* data, size_t count) {
    const std::string got = get_raw();
    if (got != name) fail("expected section '" + name + "', found '" + got + "'");
    uint64_t n = 0;
    take(&n, sizeof n);
    if (n != count * sizeof(T)) {
      fail("section '" + name + "' holds " + std::to_string(n) + " bytes, this run needs " +
           std::to_string(count * sizeof(T)) + " (different system or parameters?)");
    }
    take(data, n);
  }
  template <class View>
  void put_view(const std::string& name, const View& v) {
    auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
    put(name, h.data(), h.span());
  }
  template <class View>
  void get_view(const std::string& name, const View& v) {
    auto h = Kokkos::create_mirror_view(v);
    get(name, h.data(), h.span());
    Kokkos::deep_copy(v, h);
  }
  const std::string& bytes() const { return bytes_; }
  bool done() const { return pos_ == bytes_.size(); }
  [[noreturn]] void fail(const std::string& what) const { throw InputError(path_ + ": checkpoint: " + what); }

 private:
  void put_raw(const std::string& name) {
    const uint32_t len = static_cast<uint32_t>(name.size());
    bytes_.append(reinterpret_cast<const char*>(&len), sizeof len);
    bytes_.append(name);
  }
  std::string get_raw() {
    uint32_t len = 0;
    take(&len, sizeof len);
    if (len > 256) fail("malformed section name");
    std::string name(len, '\0');
    take(name.data(), len);
    return name;
  }
  void take(void* out, size_t n) {
    if (pos_ + n > bytes_.size()) fail("file ends early");
    std::memcpy(out, bytes_.data() + pos_, n);
    pos_ += n;
  }
  std::string path_;
  std::string bytes_;
  size_t pos_ = 0;
};

/// The state, in one fixed order for writing and reading.
template <class Visit>
void visit_state(Visit&& v, const System& sys, const ForceField& ff, const MdIntegrator& md) {
  v("x", sys.x);
  v("v", sys.v);
  v("f", sys.f);
  v("image", sys.image);
  v("box_lo", sys.box_lo);
  v("box_len", sys.box_len);
  v("list.x_at_build", ff.list.x_at_build);
  v("list.lo_at_build", ff.list.lo_at_build);
  v("list.len_at_build", ff.list.len_at_build);
  v("totals", ff.work.totals.result());
  if (md.params.ensemble != Ensemble::nve) {
    const NoseHoover& nh = md.nh;
    v("nh.t_start", nh.t_start);
    v("nh.t_stop", nh.t_stop);
    v("nh.t_target", nh.t_target);
    v("nh.t_current", nh.t_current);
    v("nh.eta", nh.eta);
    v("nh.eta_dot", nh.eta_dot);
    v("nh.eta_dotdot", nh.eta_dotdot);
    v("nh.eta_mass", nh.eta_mass);
    v("nh.p_start", nh.p_start);
    v("nh.p_stop", nh.p_stop);
    v("nh.p_hydro", nh.p_hydro);
    v("nh.p_current", nh.p_current);
    v("nh.omega_dot", nh.omega_dot);
    v("nh.omega_mass", nh.omega_mass);
    v("nh.mtk_term2", nh.mtk_term2);
    v("nh.etap", nh.etap);
    v("nh.etap_dot", nh.etap_dot);
    v("nh.etap_dotdot", nh.etap_dotdot);
    v("nh.etap_mass", nh.etap_mass);
  }
}

}  // namespace

void write_checkpoint(const std::string& path, const System& sys, const ForceField& ff, const MdIntegrator& md) {
  Payload p(path);
  const int64_t header[8] = {sys.n_atoms, sys.n_replicas, sys.n_types, static_cast<int64_t>(md.params.ensemble),
                             md.step,     md.run_begin,   md.run_end,  ff.list.builds};
  p.put("header", header, 8);
  visit_state([&](const std::string& name, const auto& view) { p.put_view(name, view); }, sys, ff, md);
  const std::string digest = sha256_hex(p.bytes());
  atomic_write(
      path,
      [&](std::ostream& os) {
        os.write(kMagic, sizeof kMagic);
        os.write(p.bytes().data(), static_cast<std::streamsize>(p.bytes().size()));
        os.write(digest.data(), 64);
      },
      true);
}

void read_checkpoint(const std::string& path, System& sys, ForceField& ff, MdIntegrator& md) {
  std::ifstream is(path, std::ios::binary);
  if (!is) throw InputError(path + ": cannot open checkpoint");
  std::ostringstream ss;
  ss << is.rdbuf();
  const std::string all = ss.str();
  if (all.size() < sizeof kMagic + 64 || std::memcmp(all.data(), kMagic, sizeof kMagic) != 0) {
    throw InputError(path + ": not a betarelax checkpoint (bad magic number or too short)");
  }
  const std::string body = all.substr(sizeof kMagic, all.size() - sizeof kMagic - 64);
  if (sha256_hex(body) != all.substr(all.size() - 64)) {
    throw InputError(path + ": checkpoint checksum mismatch: the file is damaged; resume from an earlier one");
  }
  Payload p(path, body);
  int64_t header[8];
  p.get("header", header, 8);
  if (header[0] != sys.n_atoms || header[1] != sys.n_replicas || header[2] != sys.n_types ||
      header[3] != static_cast<int64_t>(md.params.ensemble)) {
    p.fail("written for " + std::to_string(header[1]) + " replicas of " + std::to_string(header[0]) +
           " atoms with ensemble " + ensemble_name(static_cast<Ensemble>(header[3])) + ", not this run");
  }
  visit_state([&](const std::string& name, const auto& view) { p.get_view(name, view); }, sys, ff, md);
  if (!p.done()) p.fail("unexpected data after the last section");
  md.step = header[4];
  md.run_begin = header[5];
  md.run_end = header[6];

  // The neighbour list is rebuilt from the positions and box of its last
  // build: deterministic, so it is the list the original run was using.
  System at_build = sys;
  at_build.x = Vec3View("x_at_build_copy", sys.x.extent(0));
  at_build.image = decltype(sys.image)("image_scratch", sys.image.extent(0));
  at_build.box_lo = decltype(sys.box_lo)("lo_scratch", sys.n_replicas);
  at_build.box_len = decltype(sys.box_len)("len_scratch", sys.n_replicas);
  Kokkos::deep_copy(at_build.x, ff.list.x_at_build);
  Kokkos::deep_copy(at_build.box_lo, ff.list.lo_at_build);
  Kokkos::deep_copy(at_build.box_len, ff.list.len_at_build);
  build_neighbor_list(ff.list, at_build);
  ff.list.builds = header[7];
}

}  // namespace betarelax
