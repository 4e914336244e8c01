package io.inbox.domain.logging;

/** Phone numbers in logs show only their last 4 digits: {@code +*******1059}. */
public final class PhoneMask {

  private PhoneMask() {}

  public static String mask(String phone) {
    if (phone == null || phone.isEmpty()) {
      return "?";
    }
    int keep = Math.min(4, phone.length());
    int start = phone.startsWith("+") ? 1 : 0;
    StringBuilder masked = new StringBuilder(phone.substring(0, start));
    for (int i = start; i < phone.length() - keep; i++) {
      masked.append('*');
    }
    return masked.append(phone.substring(phone.length() - keep)).toString();
  }
}
