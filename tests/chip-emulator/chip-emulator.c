/* chip-emulator.c — an ICAO 9303 chip on vsmartcard-vpcd's socket, for the end-to-end test of
 * `ekyc-cli read-chip` through a real pcscd. vpcd protocol: each message is a 2-byte big-endian
 * length and a payload; a 1-byte payload is a control (0 power off, 1 power on, 2 reset, 4 get
 * ATR), anything longer a command APDU, answered the same way.
 *
 *   chip-emulator --files DIR [--port 35963] [--remove-after-reads N] [--remove-at-first-read]
 *                 [--refuse-pace] [--not-icao] [--extended-length] [--verbose]
 *
 * --remove-after-reads N pulls the card: the emulator exits instead of answering the READ BINARY
 * after the N-th granted one (a card taken off the reader mid-read); --remove-at-first-read
 * at the first READ BINARY of all, EF.CardAccess's, before any access control (a card taken
 * off while the reader looks for PACE). --refuse-pace makes a chip
 * that lists PACE in EF.CardAccess but refuses it (the reader must fall back to BAC);
 * --not-icao a card of another application (no eMRTD application, no EF.CardAccess);
 * --extended-length announces extended Lc/Le in the ATR (the chip always accepts them).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <glib.h>

#include "emu-chip.h"

/* ATR of a contactless card as PC/SC Part 3 builds it: T=1, no historical bytes, TCK. */
static const guint8 atr_short[] = { 0x3B, 0x80, 0x80, 0x01, 0x01 };
/* The same with historical bytes 80 (compact TLV follows) 73 00 00 40: card capabilities
 * (ISO/IEC 7816-4 8.1.1.2.7) whose third software function byte has b7, "extended Lc and Le
 * fields". */
static const guint8 atr_extended[] = { 0x3B, 0x85, 0x80, 0x01, 0x80, 0x73, 0x00, 0x00, 0x40,
                                       0xB7 };

static gboolean
read_all (int fd, guint8 *buf, gsize len)
{
  while (len > 0)
    {
      ssize_t n = read (fd, buf, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      buf += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Length and payload in one write: with TCP_NODELAY a split write costs nothing, but one write
 * is one segment. */
static gboolean
send_message (int fd, const guint8 *payload, gsize len)
{
  g_autofree guint8 *message = g_malloc (len + 2);

  message[0] = len >> 8;
  message[1] = len & 0xFF;
  memcpy (message + 2, payload, len);
  return write (fd, message, len + 2) == (ssize_t) (len + 2);
}

/* vpcd writes a message's length and its payload separately; with Nagle on its side and a
 * delayed ACK on ours, each APDU would wait ~40 ms for the ACK. Acknowledge at once. */
static void
quick_ack (int fd)
{
  int one = 1;

  setsockopt (fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
}

static int
connect_to_vpcd (const char *host, int port, int seconds)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons (port) };

  if (inet_pton (AF_INET, host, &addr.sin_addr) != 1)
    return -1;
  for (int attempt = 0; attempt < seconds * 10; attempt++)
    {
      int fd = socket (AF_INET, SOCK_STREAM, 0), one = 1;

      if (fd < 0)
        return -1;
      if (connect (fd, (struct sockaddr *) &addr, sizeof addr) == 0)
        {
          setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          return fd;
        }
      close (fd);
      g_usleep (100000);
    }
  return -1;
}

static void
log_hex (const char *what, const guint8 *data, gsize len)
{
  g_autoptr(GString) line = g_string_new (what);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (line, " %02X", data[i]);
  g_printerr ("%s\n", line->str);
}

int
main (int argc, char **argv)
{
  g_autofree char *files = NULL, *host = NULL;
  int port = 35963, remove_after = 0, wait_seconds = 10;
  gboolean verbose = FALSE, refuse_pace = FALSE, remove_at_first_read = FALSE, not_icao = FALSE;
  gboolean extended_length = FALSE;
  GOptionEntry entries[] = {
    { "files", 0, 0, G_OPTION_ARG_FILENAME, &files, "the chip's files (make-test-chip)", "DIR" },
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, "vpcd's address (127.0.0.1)", "ADDR" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "vpcd's port (35963)", "PORT" },
    { "wait", 0, 0, G_OPTION_ARG_INT, &wait_seconds, "seconds to wait for vpcd (10)", "S" },
    { "remove-after-reads", 0, 0, G_OPTION_ARG_INT, &remove_after,
      "leave the reader after N granted READ BINARY commands", "N" },
    { "remove-at-first-read", 0, 0, G_OPTION_ARG_NONE, &remove_at_first_read,
      "leave the reader at the first READ BINARY (EF.CardAccess)", NULL },
    { "refuse-pace", 0, 0, G_OPTION_ARG_NONE, &refuse_pace,
      "list PACE in EF.CardAccess but refuse MSE:Set AT", NULL },
    { "not-icao", 0, 0, G_OPTION_ARG_NONE, &not_icao,
      "be a card of another application: no eMRTD application, no EF.CardAccess", NULL },
    { "extended-length", 0, 0, G_OPTION_ARG_NONE, &extended_length,
      "announce extended Lc and Le in the ATR", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "log every APDU to stderr", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— an ICAO 9303 chip on vpcd");
  g_autoptr(GError) error = NULL;
  g_autoptr(EmuChip) chip = NULL;
  int fd;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || files == NULL)
    {
      g_printerr ("chip-emulator: %s\n", error != NULL ? error->message : "--files DIR is needed");
      return 2;
    }
  chip = emu_chip_new (files, &error);
  if (chip == NULL)
    {
      g_printerr ("chip-emulator: %s: %s\n", files, error->message);
      return 2;
    }
  emu_chip_set_refuse_pace (chip, refuse_pace);
  emu_chip_set_not_icao (chip, not_icao);
  fd = connect_to_vpcd (host != NULL ? host : "127.0.0.1", port, wait_seconds);
  if (fd < 0)
    {
      g_printerr ("chip-emulator: no vpcd on port %d: %s\n", port, g_strerror (errno));
      return 2;
    }
  printf ("connected\n");
  fflush (stdout);
  for (;;)
    {
      guint8 head[2], payload[65536 + 16];
      gsize len;

      quick_ack (fd);
      if (!read_all (fd, head, 2))
        break;  /* pcscd went away */
      quick_ack (fd);
      len = (head[0] << 8) | head[1];
      if (!read_all (fd, payload, len))
        break;
      if (len == 1)
        {
          if (payload[0] == 4 && extended_length)
            send_message (fd, atr_extended, sizeof atr_extended);
          else if (payload[0] == 4)
            send_message (fd, atr_short, sizeof atr_short);
          else
            emu_chip_reset (chip);
          if (verbose)
            g_printerr ("control %u\n", payload[0]);
          continue;
        }
      if (len == 0)
        continue;
      if (verbose)
        log_hex (">>", payload, len);
      if (remove_after > 0 && emu_chip_reads (chip) >= (guint) remove_after
          && len >= 2 && payload[1] == 0xB0)
        {
          g_printerr ("chip-emulator: card removed after %d reads\n", remove_after);
          break;
        }
      if (remove_at_first_read && len >= 2 && payload[1] == 0xB0)
        {
          g_printerr ("chip-emulator: card removed at the first read\n");
          break;
        }
      {
        g_autoptr(GBytes) response = emu_chip_transmit (chip, payload, len);
        gsize rlen;
        const guint8 *rdata = g_bytes_get_data (response, &rlen);

        if (verbose)
          log_hex ("<<", rdata, rlen);
        if (!send_message (fd, rdata, rlen))
          break;
      }
    }
  close (fd);
  return 0;
}
