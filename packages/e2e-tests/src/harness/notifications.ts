import { requestAsGuest } from './backendApi';

/** The parts of a notification that journeys check. */
export interface GuestNotification {
  id: string;
  /** When it was read; null while unread. */
  read?: string | null;
  payload: { title: string; link?: string; topic?: string };
}

/** The guest's notifications whose title or description holds `text`, newest first. */
export async function guestNotificationsAbout(
  backendUrl: string,
  text: string,
): Promise<GuestNotification[]> {
  const { status, body } = await requestAsGuest<{
    notifications: GuestNotification[];
  }>(
    backendUrl,
    `/api/notifications/notifications?search=${encodeURIComponent(text)}`,
  );
  if (status !== 200) {
    throw new Error(`GET notifications: ${status} ${JSON.stringify(body)}`);
  }
  return body.notifications;
}

/**
 * Marks the guest's notifications about `text` read and returns how many there were: the
 * portal's database outlives a run, and the unread list is what the notifications page
 * opens on.
 */
export async function markGuestNotificationsRead(
  backendUrl: string,
  text: string,
): Promise<number> {
  const ids = (await guestNotificationsAbout(backendUrl, text)).map(n => n.id);
  if (ids.length === 0) return 0;
  const { status, body } = await requestAsGuest(
    backendUrl,
    '/api/notifications/notifications/update',
    { method: 'POST', body: { ids, read: true } },
  );
  if (status !== 200) {
    throw new Error(
      `POST notifications/update: ${status} ${JSON.stringify(body)}`,
    );
  }
  return ids.length;
}
