/* ekyc-credentials.c — account credentials from the kernel's random source
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#define G_LOG_DOMAIN "ekyc-business"
#include "config.h"

#include <errno.h>
#include <sys/random.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "ekyc-credentials.h"

char *
ekyc_credentials_new_secret (gsize n_bytes, GError **error)
{
  guint8 bytes[64];
  gsize got = 0;
  GString *hex;

  g_return_val_if_fail (n_bytes >= 16 && n_bytes <= sizeof bytes, NULL);

  while (got < n_bytes)
    {
      ssize_t n = getrandom (bytes + got, n_bytes - got, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not draw random bytes for a secret: %s"), g_strerror (saved));
          return NULL;
        }
      got += (gsize) n;
    }
  hex = g_string_sized_new (n_bytes * 2);
  for (gsize i = 0; i < n_bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  return g_string_free (hex, FALSE);
}

char *
ekyc_credentials_login_for (const char *customer_code, const char *contract_id)
{
  g_autofree char *joined = NULL;

  g_return_val_if_fail (customer_code != NULL && contract_id != NULL, NULL);

  joined = g_strdup_printf ("%s.%s", customer_code, contract_id);
  return g_ascii_strdown (joined, -1);
}
