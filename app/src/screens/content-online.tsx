import { type OnlineFrameProps, OnlineScreen } from "../ui/online-screen.js";

export function ContentFrame(props: OnlineFrameProps) {
  return (
    <OnlineScreen
      {...props}
      action="content.manage"
      notAllowed="content.editors_only"
      offline="content.offline"
    />
  );
}
