/**
 * Passphrases of 10+ characters that appear near the top of public breach-frequency lists (the shorter ones are
 * already refused by the length rule), plus obvious product words. Compared lower-cased with spaces removed.
 */
export const COMMON_PASSPHRASES: ReadonlySet<string> = new Set(
  `1234567890 0123456789 12345678910 1234567891 123456789a 123456789q 0987654321 1111111111 0000000000 1q2w3e4r5t
  1q2w3e4r5t6y 1qaz2wsx3edc qwertyuiop qwertyuiop1 qwerty1234 qwerty12345 qwerty123456 asdfghjkl1 asdfghjkl123
  zxcvbnm123 password12 password123 password1234 password12345 password123! passw0rd123 p@ssw0rd123 iloveyou12
  iloveyou123 iloveyou1234 princess12 princess123 sunshine12 sunshine123 football12 football123 baseball12
  baseball123 basketball basketball1 basketball123 superman12 superman123 starwars12 starwars123 1234qwerty
  1234567890q abcdefghij abc1234567 abcd123456 abcdefg123 a123456789 aa12345678 changeme123 letmein123
  letmein1234 welcome123 welcome1234 trustno1234 whatever123 chocolate1 chocolate12 chocolate123 butterfly1
  butterfly12 butterfly123 michael123 jennifer12 jennifer123 jordan2323 liverpool1 liverpool12 chelsea123
  arsenal123 computer12 computer123 internet12 internet123 1234512345 1122334455 1212121212 9876543210
  7777777777 5555555555 qazwsxedcr qazwsxedc1 qazwsxedc123 q1w2e3r4t5 q1w2e3r4t5y6 1a2b3c4d5e monkey1234
  dragon1234 master1234 shadow1234 michael1234 teacher123 teacher1234 teaching123 classroom1 classroom123
  school1234 schoolteacher staffroom staffroom1 staffroom123 correcthorsebatterystaple thequickbrownfox
  thequickbrownfoxjumpsoverthelazydog iloveyouforever iloveyousomuch ihateyou123 mypassword mypassword1
  mypassword123 secretpassword passwordpassword administrator admin12345 admin123456 rootpassword`.split(
    /\s+/,
  ),
);
