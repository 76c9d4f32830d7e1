#include "core/potential/force_field.hpp"

#include "core/potential/eam_fs_file.hpp"
#include "support/input_error.hpp"

namespace betarelax {

ForceField make_force_field(const std::string& potential_file, const std::vector<std::string>& elements, System& sys,
                            double skin, const std::string& pair_style) {
  return make_force_field(make_eam_fs(read_eam_file(potential_file, pair_style), elements), sys, skin);
}

ForceField make_force_field(EamFs potential, System& sys, double skin) {
  if (potential.n_types != sys.n_types) {
    throw InputError("the potential maps " + std::to_string(potential.n_types) + " atom types, the system has " +
                     std::to_string(sys.n_types));
  }
  // Masses come from the potential file, as `pair_coeff` sets them in LAMMPS.
  auto mass_h = Kokkos::create_mirror_view(sys.mass);
  for (int t = 0; t < sys.n_types; ++t) mass_h(t) = potential.file.mass[potential.type_to_element[t]];
  Kokkos::deep_copy(sys.mass, mass_h);
  sys.type_names.clear();
  for (int t = 0; t < sys.n_types; ++t) sys.type_names.push_back(potential.file.elements[potential.type_to_element[t]]);

  ForceField ff{std::move(potential), {}, {}, 0};
  ff.list = make_neighbor_list(sys, ff.potential.cutoff, skin);
  ff.work = make_eam_work(sys);
  build_neighbor_list(ff.list, sys);
  return ff;
}

void compute_forces(ForceField& ff, System& sys, Tally tally) {
  update_neighbor_list(ff.list, sys);
  compute_eam_fs(ff.potential, sys, ff.list, ff.work, tally);
  ++ff.evaluations;
}

}  // namespace betarelax
