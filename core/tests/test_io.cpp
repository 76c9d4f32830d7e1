// Data files, extxyz and checkpoints: round trips, clear errors, bit-for-bit
// resume.
#include <gtest/gtest.h>

#include <fstream>

#include "core/integrate/md.hpp"
#include "core/integrate/velocity_init.hpp"
#include "core/io/checkpoint.hpp"
#include "core/io/extxyz.hpp"
#include "core/tests/test_support.hpp"
#include "support/input_error.hpp"
#include "support/sha256.hpp"

using namespace betarelax;
using namespace betarelax::test;

namespace {

std::string expect_input_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no InputError";
  return "";
}

std::string write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p.string()) << text;
  return p.string();
}

}  // namespace

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex(std::string(1000, 'a')).substr(0, 16), "41edece42d63e8d9");
}

TEST(LammpsData, RoundTripKeepsEverything) {
  const auto dir = scratch_dir("data_roundtrip");
  Configuration c = cuzr_config(5, 2, 0.3);
  c.mass = {63.546, 91.224};
  c.v.assign(c.x.size(), 0.0);
  for (size_t k = 0; k < c.v.size(); ++k) c.v[k] = 0.001 * k;
  c.image[7] = 3;
  write_lammps_data((dir / "a.data").string(), c, "round trip");
  const Configuration r = read_lammps_data((dir / "a.data").string());
  EXPECT_EQ(r.id, c.id);
  EXPECT_EQ(r.type, c.type);
  EXPECT_EQ(r.x, c.x);
  EXPECT_EQ(r.v, c.v);
  EXPECT_EQ(r.image, c.image);
  EXPECT_EQ(r.mass, c.mass);
  EXPECT_EQ(r.type_names, (std::vector<std::string>{"Cu", "Zr"}));
}

TEST(LammpsData, BadFilesNameTheLineAndAtom) {
  const auto dir = scratch_dir("data_bad");
  const std::string head = "title\n\n2 atoms\n2 atom types\n0 20 xlo xhi\n0 20 ylo yhi\n0 20 zlo zhi\n\nAtoms # atomic\n\n";
  EXPECT_NE(expect_input_error([&] { read_lammps_data(write_text(dir / "short.data", head + "1 1 1 1 1\n")); })
                .find("Atoms section ends after 1 of 2 lines"),
            std::string::npos);
  EXPECT_NE(expect_input_error([&] {
              read_lammps_data(write_text(dir / "type.data", head + "1 1 1 1 1\n2 3 2 2 2\n"));
            }).find("type.data:12: atom 2 has type 3, outside 1..2"),
            std::string::npos);
  EXPECT_NE(expect_input_error([&] {
              read_lammps_data(write_text(dir / "dup.data", head + "1 1 1 1 1\n1 2 2 2 2\n"));
            }).find("atom id 1 appears twice"),
            std::string::npos);
  EXPECT_NE(expect_input_error([&] {
              read_lammps_data(write_text(dir / "nan.data", head + "1 1 1 nan 1\n2 2 2 2 2\n"));
            }).find("coordinate y of atom 1"),
            std::string::npos);
  EXPECT_NE(expect_input_error([&] { read_lammps_data((dir / "missing.data").string()); }).find("cannot open"),
            std::string::npos);
}

TEST(LammpsData, AtomsOutsideThePeriodicBoxAreRemappedWithImageFlags) {
  const auto dir = scratch_dir("data_remap");
  const Configuration c = read_lammps_data(write_text(
      dir / "out.data",
      "t\n\n2 atoms\n1 atom types\n0 10 xlo xhi\n0 10 ylo yhi\n0 10 zlo zhi\n\nAtoms\n\n1 1 -1 5 5\n2 1 12 5 5 1 0 0\n"));
  EXPECT_DOUBLE_EQ(c.x[0], 9.0);
  EXPECT_EQ(c.image[0], -1);
  EXPECT_DOUBLE_EQ(c.x[3], 2.0);
  EXPECT_EQ(c.image[3], 2);
}

TEST(ExtXyz, FrameHasTheHeaderOvitoAndAseRead) {
  const auto dir = scratch_dir("extxyz");
  Configuration c = cuzr_config(5, 2);
  write_extxyz((dir / "t.xyz").string(), c, 0.0);
  write_extxyz((dir / "t.xyz").string(), c, 0.5, true);
  std::ifstream is((dir / "t.xyz").string());
  std::string n, header, atom;
  std::getline(is, n);
  std::getline(is, header);
  std::getline(is, atom);
  EXPECT_EQ(n, "500");
  EXPECT_NE(header.find("Lattice=\"21 0 0 0 21 0 0 0 21\""), std::string::npos) << header;
  EXPECT_NE(header.find("Properties=species:S:1:pos:R:3:vel:R:3:id:I:1"), std::string::npos) << header;
  EXPECT_TRUE(atom.rfind("Cu ", 0) == 0 || atom.rfind("Zr ", 0) == 0) << atom;
  int lines = 3;
  for (std::string l; std::getline(is, l);) ++lines;
  EXPECT_EQ(lines, 2 * 502);
}

class CheckpointResume : public ::testing::TestWithParam<Ensemble> {};

TEST_P(CheckpointResume, ContinuesBitForBit) {
  // One run of 300 steps, checkpointed after 130 (mid-ramp, between two
  // neighbour-list builds); a fresh process state resumed from the file must
  // end in exactly the same state.
  const auto dir = scratch_dir("checkpoint");
  const std::string ckpt = (dir / "state.ckpt").string();
  Configuration start = cuzr_config(5, 12, 0.2);
  MdParams p;
  p.ensemble = GetParam();
  p.t_start = {600.0};
  p.t_stop = {700.0};
  auto fresh = [&](System& sys) {
    sys = make_system(start, 2);
    ForceField ff = force_field(sys);
    create_velocities(sys, {600.0}, 17);
    return ff;
  };
  System a;
  ForceField ffa = fresh(a);
  MdIntegrator mda = make_md(a, ffa, p);
  run_md(mda, a, ffa, 300, 0, nullptr, 130);
  ASSERT_EQ(mda.step, 130);
  write_checkpoint(ckpt, a, ffa, mda);
  continue_md(mda, a, ffa, 0, nullptr);
  ASSERT_EQ(mda.step, 300);

  System b;
  ForceField ffb = fresh(b);
  MdIntegrator mdb = make_md(b, ffb, p);
  read_checkpoint(ckpt, b, ffb, mdb);
  EXPECT_EQ(mdb.step, 130);
  continue_md(mdb, b, ffb, 0, nullptr);
  for (int r = 0; r < 2; ++r) {
    const Configuration ca = extract_replica(a, r), cb = extract_replica(b, r);
    for (size_t k = 0; k < ca.x.size(); ++k) {
      ASSERT_EQ(ca.x[k], cb.x[k]) << "replica " << r << " coordinate " << k;
      ASSERT_EQ(ca.v[k], cb.v[k]) << "replica " << r << " velocity " << k;
    }
    for (int d = 0; d < 3; ++d) ASSERT_EQ(ca.len[d], cb.len[d]);
  }
}

INSTANTIATE_TEST_SUITE_P(Ensembles, CheckpointResume,
                         ::testing::Values(Ensemble::nve, Ensemble::nvt, Ensemble::npt),
                         [](const auto& info) { return std::string(ensemble_name(info.param)); });

TEST(Checkpoint, DamagedOrForeignFilesAreRefused) {
  const auto dir = scratch_dir("checkpoint_bad");
  const std::string ckpt = (dir / "state.ckpt").string();
  System sys = make_system(cuzr_config(5, 12), 1);
  ForceField ff = force_field(sys);
  MdParams p;
  p.ensemble = Ensemble::nvt;
  MdIntegrator md = make_md(sys, ff, p);
  write_checkpoint(ckpt, sys, ff, md);
  {
    std::fstream f(ckpt, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(1000);
    f.put('\x7f');
  }
  EXPECT_NE(expect_input_error([&] { read_checkpoint(ckpt, sys, ff, md); }).find("checksum mismatch"),
            std::string::npos);
  write_checkpoint(ckpt, sys, ff, md);
  System two = make_system(cuzr_config(5, 12), 2);
  ForceField ff2 = force_field(two);
  MdIntegrator md2 = make_md(two, ff2, p);
  EXPECT_NE(expect_input_error([&] { read_checkpoint(ckpt, two, ff2, md2); }).find("not this run"), std::string::npos);
  EXPECT_NE(expect_input_error([&] { read_checkpoint(write_text(dir / "x.ckpt", "hello"), sys, ff, md); })
                .find("not a betarelax checkpoint"),
            std::string::npos);
}
