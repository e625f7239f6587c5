/// @file
/// Importing a project from a folder of CSV files, as exported from the spreadsheets teams keep.
///
/// The folder holds `project.csv` (required: `key,value` rows `name`, `model`, `goal`, `owner`,
/// `challenge_purpose`, `challenge_for_whom`, `challenge_do_what`, `challenge_how`,
/// `target_segments`) and any of the following, read in this order so that references resolve:
///
/// | file | columns (extra columns allowed) |
/// |---|---|
/// | `segments.csv` | `key`, and `name` or `name_en`/`name_sv`/`name_no` |
/// | `needs.csv` | `id,title[,description]` |
/// | `people.csv` | `id[,name,segment,household,consent]`; every other column becomes an attribute |
/// | `arenas.csv` | `id,name[,host,segments,existing]` |
/// | `workshops.csv` | `id,kind,arena,date[,facilitators,segments_present]`; facilitators as `Name:trained;Name:untrained` |
/// | `notes.csv` | `id,workshop,segment,text[,person,kind,language,tags,consent,arena,date]` |
/// | `insights.csv` | `id,who,what,why,evidence[,need,status]` |
/// | `working_groups.csv` | `id,need,name[,min_size,max_size,lead,quotas,members]`; quotas as `attr=value:min-max;…` |
///
/// Lists inside a field are separated by `;`. Every error names the file, the line and the field.
///
/// **Example**
/// @code
/// auto project = servicedesign::process::import_project_csv("examples/data/storvik");
/// std::cout << project.notes().size() << " notes from " << project.workshops().size() << " workshops\n";
/// @endcode
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>

namespace servicedesign::process {

class Project;

/// Progress of an import: the file being read and the share of the folder's bytes read so far, reported before
/// each file, every 2,048 rows and at the end ("done", 1). Return false to stop the import (Interrupted).
using ImportProgress = std::function<bool(std::string_view file, double fraction)>;

/// Builds a project from the CSV files in `folder` (see the file description for the layout).
/// @throws IoError when `project.csv` is missing, or a file that another one refers to (a missing `notes.csv`
///         when `insights.csv` cites notes as evidence); InvalidInput naming file, line and field for bad data;
///         Interrupted when `progress` returns false (nothing is returned).
[[nodiscard]] Project import_project_csv(const std::filesystem::path& folder, const ImportProgress& progress = {});

}  // namespace servicedesign::process
