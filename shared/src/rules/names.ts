/**
 * Common given names and surnames in English-speaking school systems. Used to refuse pseudonyms that look like a
 * real "first last" name. The lists are deliberately short: they catch the obvious case, and the message to the
 * user explains why, so a false positive costs one edit.
 */
export const FIRST_NAMES: ReadonlySet<string> = new Set(
  `aaron abby abigail adam adrian aiden alan albert alex alexander alexandra alice alicia alison amanda amber amy
  andrea andrew angela anna anne annie anthony april arthur ashley austin barbara beatrice ben benjamin beth betty
  beverly bill billy bob bobby bonnie brad bradley brandon brenda brian brittany brooke bruce bryan caleb cameron
  carl carla carol caroline carolyn carrie catherine charles charlie charlotte chelsea cheryl chloe chris christian
  christina christine christopher cindy claire colin connor craig crystal cynthia dale dan dana daniel danielle
  david dawn dean deborah debra denise dennis derek diana diane donald donna doris dorothy douglas dylan edward
  eleanor elizabeth ella ellen emily emma eric erica erin ethan eugene evelyn faith frances frank gabriel gary
  george gerald gloria grace graham greg gregory hailey hannah harold harry heather helen henry holly hugh ian isaac
  isabella jack jackie jacob jacqueline jake james jamie jane janet janice jason jean jeff jeffrey jennifer jenny
  jeremy jerry jesse jessica jill joan joanne joe joel john jonathan jordan jose joseph joshua joyce juan judith
  judy julia julie justin karen kate katherine kathleen kathryn kathy katie kayla keith kelly ken kenneth kevin
  kim kimberly kyle laura lauren lawrence leah lee leonard lily linda lisa logan lori louis louise lucas lucy luke
  madison margaret maria marie marilyn mark martha martin mary matt matthew megan melanie melissa michael michelle
  mike mohammed molly monica nancy natalie nathan neil nicholas nicole noah norma olivia oliver pamela patricia
  patrick paul paula peggy peter philip phyllis priya rachel ralph randy raymond rebecca richard rick robert robin
  roger ronald rose ruby russell ruth ryan sally samantha samuel sandra sara sarah scott sean sharon shirley sophia
  sophie stephanie stephen steve steven susan tammy teresa terry theresa thomas tiffany tim timothy tina todd tom
  tony tracy tyler valerie vanessa victoria vincent virginia walter wayne wendy william zachary zoe`.split(
    /\s+/,
  ),
);

export const SURNAMES: ReadonlySet<string> = new Set(
  `adams allen anderson bailey baker barnes bell bennett brooks brown bryant butler campbell carter clark cole
  collins cook cooper cox davis diaz edwards evans fisher flores ford foster garcia gonzalez gray green griffin
  hall harris hayes henderson hernandez hill howard hughes jackson james jenkins johnson jones kelly kennedy king
  lee lewis long lopez martin martinez mcdonald miller mitchell moore morgan morris murphy murray myers nelson
  nguyen owens parker patel perez perry peterson phillips powell price ramirez reed reyes richardson rivera
  roberts robinson rodriguez rogers ross russell sanchez sanders scott simmons singh smith stewart sullivan taylor
  thomas thompson torres turner walker wallace ward watson white williams wilson wood wright young`.split(
    /\s+/,
  ),
);
