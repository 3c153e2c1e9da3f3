/* ekyc-version.h — export macro and C++ guards shared by the engine's public headers
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if defined(_WIN32) && defined(EKYC_COMPILATION)
# define EKYC_API __declspec(dllexport)
#elif defined(EKYC_COMPILATION)
# define EKYC_API __attribute__((visibility ("default")))
#else
# define EKYC_API
#endif

#ifdef __cplusplus
# define EKYC_BEGIN_DECLS extern "C" {
# define EKYC_END_DECLS }
#else
# define EKYC_BEGIN_DECLS
# define EKYC_END_DECLS
#endif
