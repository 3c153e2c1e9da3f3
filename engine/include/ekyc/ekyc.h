/* ekyc.h — the whole public engine API
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ekyc-version.h"
#include "ekyc-error.h"
#include "ekyc-image.h"
#include "ekyc-engine.h"
#include "ekyc-face.h"
#include "ekyc-liveness.h"
#include "ekyc-analysis.h"
#include "ekyc-card-dates.h"
#include "ekyc-card-detect.h"
#include "ekyc-id-number.h"
#include "ekyc-card-qr.h"
#include "ekyc-chip.h"
#include "ekyc-card-read.h"
#include "ekyc-mrz.h"
#include "ekyc-mrz-read.h"
#include "ekyc-qr-decode.h"
#include "ekyc-tlv.h"
