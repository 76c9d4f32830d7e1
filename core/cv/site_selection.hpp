#pragma once
/// Several boosted groups in one glass (sites), chosen by a rule fixed
/// before any run: site 0 is the paper's group (its centre given, or the
/// rule's atom nearest the box centre); then every other atom of the
/// centre's type, nearest the box centre first (ties: lowest id), becomes a
/// site when each atom of its group lies at least `separation` from each
/// atom of every site taken so far (minimum image) and shares no atom with
/// one, until `count` are taken.
/// With separation = potential cutoff + skin no atom interacts directly with
/// two groups, and no neighbour list holds a pair between them.
#include <vector>

#include "core/cv/atom_group.hpp"

namespace betarelax {

struct SiteSelection {
  std::vector<AtomGroup> sites;  ///< in the order taken; sites[0] is the paper's group
  /// closest[i][j]: the smallest distance between an atom of site i and one
  /// of site j (Å; 0 on the diagonal).
  std::vector<std::vector<double>> closest;
};

/// `count` sites of groups within `cutoff` of their centres, centres of
/// type `type`, the first at `first_center` (an atom id). Throws InputError
/// naming how many fit when fewer than `count` do.
SiteSelection select_sites(const Configuration& ref, int first_center, int type, double cutoff, double separation,
                           int count);

/// The smallest minimum-image distance between an atom of `a` and one of
/// `b` (rows of `ref`), Å.
double closest_approach(const Configuration& ref, const std::vector<int>& a, const std::vector<int>& b);

}  // namespace betarelax
