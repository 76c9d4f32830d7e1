#include "experiments/metadynamics/metad_campaign.hpp"

#include <Kokkos_Core.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

#include "core/cv/atom_group.hpp"
#include "core/cv/site_selection.hpp"
#include "core/potential/eam_fs_file.hpp"
#include "core/neighbor/spatial_sort.hpp"
#include "core/system/counter_rng.hpp"
#include "experiments/common/glass_folder.hpp"
#include "experiments/common/group_rule.hpp"
#include "experiments/common/ranks.hpp"
#include "experiments/metadynamics/sample_batch.hpp"
#include "experiments/metadynamics/samples_file.hpp"
#include "support/atomic_write.hpp"
#include "support/input_error.hpp"
#include "support/sample_folder.hpp"

namespace betarelax::experiments {
namespace {

namespace fs = std::filesystem;

/// sites.separation_A: "cutoff_plus_skin" or a distance in Å.
double parse_separation(const std::string& label, const std::string& where) {
  try {
    size_t used = 0;
    const double v = std::stod(label, &used);
    if (used == label.size() && v >= 0) return v;
  } catch (const std::logic_error&) {
  }
  throw InputError(where + ": sites.separation_A: \"cutoff_plus_skin\" or a non-negative distance in A, not \"" + label + "\"");
}

/// What `betarelax` needs to summarise samples.csv (validation/campaign_summary.hpp
/// reads these keys).
nlohmann::json summary_options(const CampaignParams& p) {
  return {{"kind", p.kind}, {"nu0_Hz", p.sample.nu0_hz}, {"histogram_bin_eV", p.histogram_bin},
          {"spectra_after", p.spectra_after}, {"box_every", p.box_every}};
}

}  // namespace

CampaignParams read_campaign(const ExperimentConfig& c, const std::string& glass_dir_override) {
  CampaignParams p;
  p.sample = read_sample_common(c, glass_dir_override);
  p.kind = c.text("campaign.kind");
  if (p.kind != "cluster_size" && p.kind != "sample_count" && p.kind != "temperature_sweep") {
    throw InputError(c.path() + ": campaign.kind: cluster_size, sample_count or temperature_sweep, not \"" + p.kind + "\"");
  }
  p.temperatures = c.numbers("campaign.temperatures_K");
  for (double t : p.temperatures)
    if (!(t > 0)) throw InputError(c.path() + ": campaign.temperatures_K: temperatures must be positive");
  p.cutoffs = c.texts("campaign.cutoffs_A");
  if (p.temperatures.empty() || p.cutoffs.empty()) throw InputError(c.path() + ": campaign: give at least one temperature and one cutoff");
  p.samples = c.integer("campaign.samples");
  if (p.samples < 1) throw InputError(c.path() + ": campaign.samples must be at least 1");
  p.seed = static_cast<uint64_t>(c.integer("campaign.seed"));
  p.replicas = c.integer("campaign.replicas");
  if (p.replicas < 0) throw InputError(c.path() + ": campaign.replicas: 0 (automatic) or a positive count");
  p.reference_temperature = c.positive("campaign.reference_temperature_K");
  p.files.cv = c.flag("output.sample_cv");
  p.files.hills = c.flag("output.sample_hills");
  p.files.fes = c.flag("output.sample_fes");
  p.files.configurations = c.flag("output.sample_configurations");
  p.histogram_bin = c.positive("summary.histogram_bin_eV");
  p.control_samples = c.integer("campaign.control_samples", 0);
  if (p.control_samples < 0) throw InputError(c.path() + ": campaign.control_samples must be >= 0");
  p.control_temperature = c.number("campaign.control_temperature_K", 0.0);
  p.control_height_factor = c.number("campaign.control_height_factor", 1.0);
  if (p.control_samples > 0) {
    if (!(p.control_height_factor > 0)) throw InputError(c.path() + ": campaign.control_height_factor must be positive");
    if (std::find(p.temperatures.begin(), p.temperatures.end(), p.control_temperature) == p.temperatures.end()) {
      throw InputError(c.path() + ": campaign.control_temperature_K must be one of campaign.temperatures_K (the control sits beside a main spectrum)");
    }
  }
  p.sites = static_cast<int>(c.integer("sites.count"));
  if (p.sites < 1) throw InputError(c.path() + ": sites.count must be at least 1");
  p.separation_label = c.text("sites.separation_A");
  p.crosstalk = c.flag("sites.crosstalk");
  p.together = c.flag("sites.together");
  if (p.crosstalk && !p.together) throw InputError(c.path() + ": sites.crosstalk compares sites run together with each alone: it needs sites.together = true");
  if (p.crosstalk && p.sites < 2) throw InputError(c.path() + ": sites.crosstalk needs sites.count of 2 or more");
  if (p.kind == "sample_count") {
    for (double n : c.numbers("summary.spectra_after")) p.spectra_after.push_back(std::lround(n));
    p.box_every = c.integer("summary.box_every");
    if (p.box_every < 1) throw InputError(c.path() + ": summary.box_every must be at least 1");
  }
  return p;
}

double resolve_cutoff(const std::string& label, const nlohmann::json& structure, double t_ref, const std::string& where) {
  try {
    size_t used = 0;
    const double v = std::stod(label, &used);
    if (used == label.size()) {
      if (!(v > 0)) throw InputError("campaign.cutoffs_A: cutoff " + label + " must be positive");
      return v;
    }
  } catch (const std::logic_error&) {
  }
  const nlohmann::json* lm = nullptr;
  for (const auto& g : structure.at("glasses")) {
    if (std::lround(g.at("temperature_K").get<double>()) == std::lround(t_ref)) lm = &g.at("rdf_landmarks_A");
  }
  if (!lm) throw InputError(where + ": no glass at the reference temperature " + std::to_string(t_ref) + " K");
  if (!lm->at("found").get<bool>()) throw InputError(where + ": the RDF at " + std::to_string(t_ref) + " K has no landmarks");
  const auto second = lm->at("second_peaks").get<std::vector<double>>();
  double v = 0;
  if (label == "first_peak") v = lm->at("first_peak").get<double>();
  else if (label == "first_minimum") v = lm->at("first_minimum").get<double>();
  else if (label == "second_peak_1" && second.size() >= 1) v = second[0];
  else if (label == "second_peak_2" && second.size() >= 2) v = second[1];
  else if (label == "second_minimum") v = lm->at("second_minimum").get<double>();
  else if (label == "second_peak_1" || label == "second_peak_2") {
    throw InputError(where + ": campaign.cutoffs_A: " + label + ": the RDF at " + std::to_string(t_ref) + " K has " +
                     std::to_string(second.size()) + " second-peak component(s)");
  } else {
    throw InputError("campaign.cutoffs_A: \"" + label +
                     "\" is neither a number (A) nor first_peak, first_minimum, second_peak_1, second_peak_2, second_minimum");
  }
  if (!(v > 0)) throw InputError(where + ": campaign.cutoffs_A: " + label + " was not found in the RDF");
  return v;
}

std::vector<SamplePoint> campaign_points(const CampaignParams& p, const std::vector<double>& cutoffs) {
  std::vector<SamplePoint> out;
  long run = 0;
  // One run of `sites` sites (or, alone, of one), every site with the run's seed.
  auto add_run = [&](SamplePoint pt, int first_site, int sites) {
    for (int k = first_site; k < first_site + sites; ++k) {
      pt.id = static_cast<long>(out.size());
      pt.site = k;
      pt.run = run;
      out.push_back(pt);
    }
    ++run;
  };
  for (long index = 0; index < p.samples; ++index) {
    for (double t : p.temperatures) {
      for (size_t c = 0; c < cutoffs.size(); ++c) {
        SamplePoint pt;
        pt.temperature = t;
        pt.cutoff = cutoffs[c];
        pt.cutoff_label = p.cutoffs[c];
        pt.index = index;
        // T in mK and the cutoff in µÅ: the key words of the point's stream.
        pt.seed = rng::hash(p.seed, rng::kCampaign, static_cast<uint64_t>(std::llround(t * 1000)),
                            static_cast<uint64_t>(std::llround(cutoffs[c] * 1e6)), static_cast<uint64_t>(index)) >> 1;
        if (!p.together) {
          for (int k = 0; k < p.sites; ++k) {
            SamplePoint own = pt;
            if (k > 0) own.seed = rng::hash(pt.seed, rng::kSiteApart, static_cast<uint64_t>(k), 0, 0) >> 1;
            add_run(own, k, 1);
          }
          continue;
        }
        add_run(pt, 0, p.sites);
        if (!p.crosstalk) continue;
        pt.series = "alone";
        for (int k = 0; k < p.sites; ++k) add_run(pt, k, 1);
      }
    }
  }
  for (long index = 0; index < p.control_samples; ++index) {
    SamplePoint pt;
    pt.temperature = p.control_temperature;
    pt.cutoff = cutoffs[0];
    pt.cutoff_label = p.cutoffs[0];
    pt.index = index;
    pt.height_factor = p.control_height_factor;
    pt.series = "control";
    pt.seed = rng::hash(p.seed, rng::kCampaign, static_cast<uint64_t>(std::llround(pt.temperature * 1000)),
                        static_cast<uint64_t>(std::llround(cutoffs[0] * 1e6)), (uint64_t{1} << 32) + static_cast<uint64_t>(index)) >> 1;
    add_run(pt, 0, p.together ? p.sites : 1);
  }
  return out;
}

bool run_metad_campaign(const ExperimentConfig& config, RunControl& ctl) {
  const CampaignParams p = read_campaign(config, ctl.glass_dir);
  config.check_all_used();
  const fs::path dir(ctl.out_dir);
  const GlassFolder glass{p.sample.glass_dir};
  const std::string structure_path = glass.structure();
  const nlohmann::json structure = glass.read_structure();
  std::vector<double> cutoffs;
  for (const std::string& label : p.cutoffs) cutoffs.push_back(resolve_cutoff(label, structure, p.reference_temperature, structure_path));

  SampleBatch b;
  b.params = p.sample;
  b.files = p.files;
  std::set<long> temps = {std::lround(p.reference_temperature)};
  for (double t : p.temperatures) temps.insert(std::lround(t));
  // One atom order for every replica: the reference glass spatially sorted
  // (the pair kernels read neighbours from nearby memory), the others in its order.
  const Configuration sorted = spatially_sorted(glass.read_glass(p.reference_temperature));
  for (long t : temps) b.glass_at[t] = in_order_of(glass.read_glass(t), sorted.id);
  const Configuration& ref = b.glass_at.at(std::lround(p.reference_temperature));
  for (const auto& [t, glass] : b.glass_at) {
    if (glass.id != ref.id || glass.type != ref.type || glass.n_atoms() != ref.n_atoms()) {
      throw InputError(p.sample.glass_dir + ": the glass at " + std::to_string(t) +
                       " K holds other atoms than the one at the reference temperature (not from one cooling path)");
    }
  }
  const nlohmann::json potential = glass.same_potential(p.sample.potential);
  // The sites, once, in the reference glass's inherent structure, apart at
  // the largest cutoff (so at every cutoff); then each site's group per
  // cutoff: every temperature samples exactly these ids.
  const Configuration inherent = glass.read_inherent(p.reference_temperature, "the groups are chosen in the reference temperature's inherent structure");
  const double separation = p.separation_label == "cutoff_plus_skin"
                                ? read_eam_file(p.sample.potential, p.sample.pair_style).cutoff + p.sample.skin
                                : parse_separation(p.separation_label, config.path());
  const int first_center = group_center(p.sample.center_id, p.sample.center_element, inherent, glass.inherent(p.reference_temperature));
  const int center_type = inherent.type[rows_of_ids(inherent, {first_center})[0]];
  const SiteSelection chosen = select_sites(inherent, first_center, center_type, *std::max_element(cutoffs.begin(), cutoffs.end()),
                                            separation, p.sites);
  std::vector<std::vector<AtomGroup>> group_of;  // [cutoff][site]
  for (double rc : cutoffs) {
    group_of.emplace_back();
    for (const AtomGroup& site : chosen.sites) group_of.back().push_back(select_group(inherent, site.center_id, rc));
  }
  std::vector<SamplePoint> all = campaign_points(p, cutoffs);
  for (SamplePoint& pt : all) {
    const size_t c = std::find(cutoffs.begin(), cutoffs.end(), pt.cutoff) - cutoffs.begin();
    pt.group_ids = group_of.at(c).at(pt.site).ids;
    for (int k = 0; k < p.sites; ++k)
      if (k != pt.site) pt.neighbours.emplace_back(k, group_of.at(c).at(k).ids);
  }

  // The plan, written before any sample: what will run, and why these groups.
  nlohmann::json groups = nlohmann::json::array();
  for (double t : p.temperatures) {
    for (size_t c = 0; c < cutoffs.size(); ++c) {
      for (int k = 0; k < p.sites; ++k) {
        const AtomGroup& g = group_of[c][k];
        rows_of_ids(b.glass_at.at(std::lround(t)), g.ids);  // every id is in the glass at t (throws naming a missing one)
        groups.push_back({{"temperature_K", t}, {"cutoff_label", p.cutoffs[c]}, {"cutoff_A", cutoffs[c]}, {"site", k},
                          {"size", g.ids.size()}, {"ids", g.ids}});
      }
    }
  }
  nlohmann::json sites = {{"count", p.sites}, {"separation_A", separation}, {"separation_label", p.separation_label},
                          {"crosstalk", p.crosstalk}, {"together", p.together},
                          {"rule", "site 0 is the paper's group; then atoms of its element nearest the box centre first (ties: lowest "
                                   "id), each taken when every atom of its group at the largest cutoff lies at least separation_A from "
                                   "every atom of each site taken before (core/cv/site_selection.hpp)"},
                          {"closest_approach_A", chosen.closest}, {"centers", nlohmann::json::array()}};
  for (const AtomGroup& g : chosen.sites) sites["centers"].push_back(g.center_id);
  nlohmann::json points = nlohmann::json::array();
  for (const SamplePoint& pt : all) {
    points.push_back({{"id", pt.id}, {"temperature_K", pt.temperature}, {"cutoff_A", pt.cutoff},
                      {"cutoff_label", pt.cutoff_label}, {"sample_index", pt.index}, {"seed", pt.seed},
                      {"series", pt.series}, {"site", pt.site}, {"run", pt.run},
                      {"height0_eV", p.sample.metad.height0 * pt.height_factor}});
  }
  const int replicas = ctl.replicas_for(p.replicas);
  const nlohmann::json provenance = provenance_json(config);
  const Ranks r = ranks();
  // Only now, with every input read and checked: a refused campaign leaves no folder.
  fs::create_directories(dir / "samples");
  if (r.rank == 0) atomic_write((dir / "campaign.json").string(), [&](std::ostream& os) {
    os << nlohmann::json{{"experiment", "metad_campaign"},
                         {"kind", p.kind},
                         {"glass_dir", p.sample.glass_dir},
                         {"center", {{"id", first_center},
                                     {"rule", p.sample.center_id > 0 ? "given id" : "atom of " + p.sample.center_element +
                                                                                      " nearest the box centre of the glass at the reference temperature"}}},
                         {"reference_temperature_K", p.reference_temperature},
                         {"group_rule", "chosen once per cutoff in " + glass.inherent(p.reference_temperature) +
                                            " (the reference glass's inherent structure); the same ids at every temperature"},
                         {"potential", potential},
                         {"control", {{"samples", p.control_samples}, {"temperature_K", p.control_temperature},
                                      {"height_factor", p.control_height_factor},
                                      {"height0_eV", p.sample.metad.height0 * p.control_height_factor}}},
                         {"cutoff_rule", "numbers are A; names are the RDF landmarks of the glass at the reference temperature (core/structure/rdf_landmarks.hpp)"},
                         {"groups", groups},
                         {"sites", sites},
                         {"replicas", replicas},
                         {"ranks", r.size},
                         {"summary_options", summary_options(p)},
                         {"points", points},
                         {"provenance", provenance}}
              .dump(2)
       << "\n";
  });

  // Rank 0 opens (or starts) samples.csv; then every rank appends its rows
  // to it, one O_APPEND write each.
  const auto opened = open_for_all_ranks<SamplesFile>((dir / "samples.csv").string(), ctl.resume);
  SamplesFile& samples = *opened;
  const std::set<long> done = samples.finished_ids(config.hash());
  // A run with any site not yet in samples.csv runs again whole (its sites
  // feel each other only through the dynamics, but they do): the finished
  // ones replay the same bits and write nothing. Runs are dealt over the
  // ranks by number: a fixed rule, whatever each rank's speed.
  const auto wanted = [&](long id) { return ctl.only.empty() || ctl.only.count(id) > 0; };
  for (long id : ctl.only) {
    if (std::none_of(all.begin(), all.end(), [&](const SamplePoint& pt) { return pt.id == id; })) {
      throw InputError("--only " + std::to_string(id) + ": not a sample of the " + p.kind + " campaign (its " + std::to_string(all.size()) +
                       " samples are numbered from 0; campaign.json lists them)");
    }
  }
  std::set<long> pending_runs;
  for (const SamplePoint& pt : all)
    if (!done.count(pt.id) && wanted(pt.id)) pending_runs.insert(pt.run);
  for (SamplePoint pt : all) {
    if (!pending_runs.count(pt.run) || pt.run % r.size != r.rank) continue;
    pt.replay = done.count(pt.id) > 0 || !wanted(pt.id);
    b.points.push_back(pt);
  }
  if (ctl.log) {
    *ctl.log << "[campaign] " << p.kind << ": " << all.size() << " samples (" << done.size() << " done before), "
             << std::min<long>(replicas, static_cast<long>(pending_runs.size())) << " replicas of " << ref.n_atoms()
             << " atoms";
    if (p.sites > 1) *ctl.log << ", " << p.sites << " sites " << (p.together ? "each" : "in runs of their own") << " (" << separation << " A apart)";
    if (r.size > 1) *ctl.log << "; rank " << r.rank << " of " << r.size << " runs " << b.points.size();
    *ctl.log << "\n";
  }
  b.replicas = replicas;
  b.provenance = provenance;
  const std::string git = provenance.at("git_revision").get<std::string>(),
                    backend = provenance.at("execution_space").get<std::string>();
  b.sample_dir = [&](const SamplePoint& pt) { return (dir / "samples" / sample_folder(pt.id)).string(); };
  b.on_finished = [&](const SamplePoint& pt, const SampleRecord& rec) {
    samples.append(samples_row({pt, rec, git, backend, config.hash()}));
  };
  b.label = "[campaign] " + p.kind + ":";
  // The progress counts what this invocation was asked for.
  long asked = 0, asked_done = 0;
  for (const SamplePoint& pt : all) {
    asked += wanted(pt.id);
    asked_done += wanted(pt.id) && done.count(pt.id);
  }
  b.done_before = asked_done;
  b.total = asked;
  const bool finished = run_sample_batch(b, ctl);
  rank_barrier();  // every rank's rows are in samples.csv
  if (!finished) return false;  // --stop-after: finished samples are in
  // Rank 0 checks that every rank's rows are in; the summary of them is the
  // validation layer's (betarelax run and reproduce write it next).
  if (r.rank != 0) return true;
  const std::vector<SampleRow> rows = read_samples_file((dir / "samples.csv").string());
  if (!ctl.only.empty()) {
    std::set<long> in;
    for (const SampleRow& row : rows) in.insert(std::stol(row.at("id")));
    return std::all_of(ctl.only.begin(), ctl.only.end(), [&](long id) { return in.count(id) > 0; });
  }
  if (rows.size() < all.size()) {
    if (ctl.log) *ctl.log << "[campaign] " << rows.size() << " of " << all.size() << " samples in samples.csv (another rank was cut): --resume runs the rest\n";
    return false;
  }
  return true;
}

}  // namespace betarelax::experiments
