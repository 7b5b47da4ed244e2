/* cf-bundle-text.h — the generated files of a bundle, as bytes. */
#pragma once

#include "cf-bundle-plan.h"

G_BEGIN_DECLS

GBytes *cf_bundle_readme        (CfBundlePlan *plan);
GBytes *cf_bundle_index_html    (CfBundlePlan *plan);
GBytes *cf_bundle_index_csv     (CfBundlePlan *plan);
GBytes *cf_bundle_manifest      (CfBundlePlan *plan);
GBytes *cf_bundle_privilege_log (CfBundlePlan *plan);
GBytes *cf_bundle_custody_log   (CfBundlePlan *plan);

G_END_DECLS
