/* ekyc-sign-in-page.h — who is at the counter: user name and password, also to unlock
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EKYC_TYPE_SIGN_IN_PAGE (ekyc_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (EkycSignInPage, ekyc_sign_in_page, EKYC, SIGN_IN_PAGE, AdwBin)

void ekyc_sign_in_page_set_error  (EkycSignInPage *self, const char *message);
/* The lock page for @user_name, saying why it locked: after @idle_minutes without use, or by
 * the user's hand (Ctrl+L) when 0. A NULL @user_name makes it the sign-in page again. */
void ekyc_sign_in_page_set_locked (EkycSignInPage *self, const char *user_name,
                                   guint idle_minutes);
void ekyc_sign_in_page_clear      (EkycSignInPage *self);
/* A new store: the name and password typed become its first supervisor. */
void ekyc_sign_in_page_set_first_user (EkycSignInPage *self);

/* While the password is checked: a spinner, and no second submit. */
void        ekyc_sign_in_page_set_busy  (EkycSignInPage *self, gboolean busy);
gboolean    ekyc_sign_in_page_get_busy  (EkycSignInPage *self);
/* (nullable): the error shown. */
const char *ekyc_sign_in_page_get_error (EkycSignInPage *self);
/* The title and the sentence under it (tests). */
const char *ekyc_sign_in_page_get_title       (EkycSignInPage *self);
const char *ekyc_sign_in_page_get_description (EkycSignInPage *self);
/* Types @user and @password and presses Sign In, as the teller does (tests). */
void        ekyc_sign_in_page_submit    (EkycSignInPage *self, const char *user,
                                         const char *password);

G_END_DECLS
