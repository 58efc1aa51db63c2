#pragma once
// Where the files shipped with the program lie. An installed binary (<prefix>/bin/shaobing,
// e.g. from the .deb) finds them under <prefix>/share/shaobing/; a binary in a build tree
// finds them in the source tree it was built from. A build for packaging (SHAOBING_PACKAGE)
// holds no path of the build machine at all: it knows only its own location.
#include <string>

namespace shaobing {

// The data/ folder (gazetteer, units, catalogue, demo): <prefix>/share/shaobing/data when that
// exists beside the binary, else the source tree's data/ (development builds), else "".
std::string ShippedDataDir();

// The built web app: <prefix>/share/shaobing/web, else the source tree's web/dist (development
// builds); "" when neither holds an index.html.
std::string ShippedWebRoot();

}  // namespace shaobing
