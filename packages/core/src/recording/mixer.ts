/**
 * What a recording captures (VS-10): the customer's video with the AR layer drawn over it, and
 * every side's audio mixed into one track with WebAudio.
 */
export interface RecordingSources {
  /** The video element showing the customer's camera (the remote video on the staff side). */
  video: HTMLVideoElement;
  /** The layers drawn over the video (ink, markers), each scaled to the frame; read on every frame. */
  overlays: () => readonly CanvasImageSource[];
  /** Streams whose audio is mixed in: the local microphone and the remote participants. */
  audio: () => readonly MediaStream[];
}

/** A composed stream for MediaRecorder, and how to stop composing. */
export interface MixedStream {
  stream: MediaStream;
  stop(): void;
}

/**
 * Composes the customer's video and the AR layer on a canvas at `fps` (a timer, so a tab in the
 * background keeps recording, only slower) and mixes the audio of `sources.audio()` — streams that
 * join later are added on the next frame.
 */
export function mixCall(sources: RecordingSources, fps = 25): MixedStream {
  const canvas = document.createElement('canvas');
  canvas.width = sources.video.videoWidth || 1280;
  canvas.height = sources.video.videoHeight || 720;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D is not available for recording.');
  const audioContext = new AudioContext();
  const destination = audioContext.createMediaStreamDestination();
  const mixed = new Set<string>();
  const nodes: MediaStreamAudioSourceNode[] = [];
  const addAudio = () => {
    for (const stream of sources.audio()) {
      if (stream.getAudioTracks().length === 0 || mixed.has(stream.id)) continue;
      mixed.add(stream.id);
      const node = audioContext.createMediaStreamSource(stream);
      node.connect(destination);
      nodes.push(node);
    }
  };
  const draw = () => {
    const { video } = sources;
    if (video.videoWidth && (video.videoWidth !== canvas.width || video.videoHeight !== canvas.height)) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
    }
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    if (video.readyState >= 2) ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    for (const layer of sources.overlays()) ctx.drawImage(layer, 0, 0, canvas.width, canvas.height);
    addAudio();
  };
  draw();
  const timer = setInterval(draw, 1000 / fps);
  void audioContext.resume();
  const video = canvas.captureStream(fps).getVideoTracks();
  const stream = new MediaStream([...video, ...destination.stream.getAudioTracks()]);
  return {
    stream,
    stop() {
      clearInterval(timer);
      for (const track of stream.getTracks()) track.stop();
      for (const node of nodes) node.disconnect();
      void audioContext.close();
    },
  };
}
